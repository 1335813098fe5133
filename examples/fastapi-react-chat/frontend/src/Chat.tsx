import { useState } from "react";

type Turn = { role: "user" | "assistant"; text: string };

export function Chat() {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [draft, setDraft] = useState("");

  async function send() {
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message: draft }),
    });
    const { answer } = await response.json();
    setTurns([...turns, { role: "user", text: draft }, { role: "assistant", text: answer }]);
    setDraft("");
  }

  return (
    <section className="ai-chat">
      <h2>Garden tools help</h2>
      <p className="notice">You are chatting with an AI assistant. It can make mistakes.</p>
      {turns.map((turn, i) => (
        <p key={i} className={turn.role}>{turn.text}</p>
      ))}
      <textarea value={draft} placeholder="Ask about a tool" onChange={(e) => setDraft(e.target.value)} />
      <button onClick={send}>Send</button>
    </section>
  );
}
