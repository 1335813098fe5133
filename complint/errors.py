"""The errors that stop a run with exit code 2: what the user gave cannot be used.

Kept apart from the modules that raise them, so that the command line can catch them
without importing those modules (`complint --version` pays for none of them).
"""


class UsageError(Exception):
    """Configuration, a policy pack or another input that cannot be used; the message is
    one line that names the file, the key and the fix."""
