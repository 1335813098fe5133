"""Configuration: where it is found, how it merges, and the errors users can act on."""

from __future__ import annotations

import pytest

from complint.config import DEFAULT_EXCLUDE, ConfigError, find_config, load_config, with_overrides

from helpers import run_cli, write_app


def test_no_configuration_gives_defaults(tmp_path):
    config = load_config(tmp_path)
    assert config.source is None and config.root == tmp_path.resolve()
    assert config.fail_on == "warning" and config.exclude == DEFAULT_EXCLUDE


def test_pyproject_without_a_complint_table_is_not_configuration(tmp_path):
    write_app(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n"})
    assert find_config(tmp_path) is None


@pytest.mark.parametrize(
    "name,content",
    [
        ("pyproject.toml", '[tool.complint]\nignore = ["CL201"]\n'),
        ("complint.toml", 'ignore = ["CL201"]\n'),
        (".complint.yaml", "ignore: [CL201]\n"),
    ],
)
def test_each_file_kind_is_read(tmp_path, name, content):
    write_app(tmp_path, {name: content})
    config = load_config(tmp_path)
    assert config.source == (tmp_path / name).resolve()
    assert config.ignore == ("CL201",)
    assert not config.selects("CL201")


def test_closest_file_wins_and_sets_the_root(tmp_path):
    write_app(tmp_path, {"complint.toml": 'fail-on = "info"\n', "app/complint.toml": 'fail-on = "error"\n'})
    (tmp_path / "app" / "src").mkdir()
    config = load_config(tmp_path / "app" / "src")
    assert config.fail_on == "error"
    assert config.root == (tmp_path / "app").resolve()


def test_extend_inherits_and_overrides(tmp_path):
    write_app(tmp_path, {
        "base.toml": 'fail-on = "info"\nextend-exclude = ["legacy/"]\n',
        "app/complint.toml": 'extend = "../base.toml"\nfail-on = "error"\n',
    })
    config = load_config(tmp_path / "app")
    assert config.fail_on == "error"
    assert config.extend_exclude == ("legacy/",)


def test_extend_cycle_is_an_error(tmp_path):
    write_app(tmp_path, {"a.toml": 'extend = "b.toml"\n', "b.toml": 'extend = "a.toml"\n', "complint.toml": 'extend = "a.toml"\n'})
    with pytest.raises(ConfigError, match="extends itself in a cycle"):
        load_config(tmp_path)


def test_command_line_overrides_files(tmp_path):
    write_app(tmp_path, {"complint.toml": 'fail-on = "info"\nselect = ["CL2"]\n'})
    config = with_overrides(load_config(tmp_path), fail_on="error", ignore=("CL201,CL202",))
    assert config.fail_on == "error"
    assert config.ignore == ("CL201", "CL202")
    assert config.origins["ignore"] == "--ignore"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("pyproject.toml", '[tool.complint]\nfail_on = "error"\n',
         "pyproject.toml: [tool.complint] fail_on: unknown setting; did you mean 'fail-on'?"),
        ("complint.toml", 'fail-on = "errors"\n',
         "complint.toml: fail-on: 'errors' is not one of info, warning, error; did you mean 'error'?"),
        ("complint.toml", 'select = "CL201"\n', 'complint.toml: select: expected a list of strings, e.g. ["CL201"]'),
        # A list of paths is explained with paths, not rule codes.
        ("complint.toml", 'exclude = "legacy/"\n',
         'complint.toml: exclude: expected a list of strings, e.g. ["legacy/", "*.generated.py"]'),
        ("complint.toml", '[disclosure]\nextra-phrases = "Acme Autopilot"\n',
         'complint.toml: disclosure.extra-phrases: expected a list of strings, e.g. ["Acme Autopilot"]'),
        # A key of the declaration put in configuration says where it belongs.
        (".complint.yaml", "audience: consumer\n",
         ".complint.yaml: audience: unknown setting; 'audience' describes the app: it belongs in its "
         "declaration (complint.yaml), not in configuration"),
        ("pyproject.toml", '[tool.complint]\ndomains = ["medical"]\n',
         "pyproject.toml: [tool.complint] domains: unknown setting; 'domains' describes the app: it belongs in "
         "its declaration ([tool.complint.app] in pyproject.toml), not in configuration"),
        ("complint.toml", 'respect-gitignore = "yes"\n', "complint.toml: respect-gitignore: expected true or false"),
        ("complint.toml", "[disclosure]\nextra_phrases = []\n",
         "complint.toml: disclosure.extra_phrases: unknown setting; did you mean 'extra-phrases'?"),
        ("complint.toml", 'extend = "nowhere.toml"\n', "nowhere.toml does not exist"),
        ("complint.toml", "fail-on = \n", "complint.toml: invalid TOML"),
        (".complint.yaml", "select: [CL201\n", ".complint.yaml:2: invalid YAML"),
        (".complint.yaml", "- a\n- b\n", ".complint.yaml: expected a mapping of settings"),
        ("complint.toml", "[app]\naudience = 'consumer'\n",
         "complint.toml: app: the app's declaration belongs in pyproject.toml [tool.complint.app] or in complint.yaml"),
    ],
)
def test_configuration_errors_exit_2_naming_the_key(tmp_path, name, content, message):
    write_app(tmp_path, {name: content, "app.py": "x = 1\n"})
    result = run_cli(["scan", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("complint: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_code_in_configuration_names_the_file(tmp_path):
    write_app(tmp_path, {"complint.toml": 'ignore = ["CL2O1"]\n', "app.py": "x = 1\n"})
    result = run_cli(["scan", str(tmp_path)])
    assert result.exit_code == 2
    assert "complint.toml: ignore: unknown rule code 'CL2O1'; did you mean 'CL201'?" in result.stderr


def test_explicit_config_file(tmp_path):
    write_app(tmp_path, {"ci.toml": 'ignore = ["CL201"]\n'})
    config = load_config(tmp_path, explicit=tmp_path / "ci.toml")
    assert config.ignore == ("CL201",)
    result = run_cli(["scan", str(tmp_path), "--config", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2 and "does not exist" in result.stderr
