"""The README is checked against the code (datasette's habit): every command and flag it
shows exists in that command's --help, every environment variable it names is read by
the code (and every one the live settings read is named), and its layout section
matches the tree."""

from __future__ import annotations

import re

import click
import pytest
import typer.main
from typer.testing import CliRunner

from briefing.cli import app
from briefing.live.settings import Environment
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SPANS = re.findall(r"`([^`\n]+)`", README)
FLAG = re.compile(r"(?<![\w-])(--[a-z][a-z-]*)")
OTHER_PROGRAMS = {"--to"}  # `--to typst` is Quarto's own flag, named where the README explains Quarto
COMMANDS: dict[str, click.Command] = typer.main.get_command(app).commands


def flags_of(command: click.Command) -> set[str]:
    return {name for param in command.params if not getattr(param, "hidden", False)
            for name in (*param.opts, *param.secondary_opts) if name.startswith("--")} | {"--help"}


def readme_commands() -> list[tuple[str, list[str]]]:
    """(command, flags) for every `briefing <command> ...` the README shows."""
    return [(span.split()[1], FLAG.findall(span)) for span in SPANS if re.match(r"briefing [a-z]", span)]


def test_the_readme_shows_every_command():
    assert {name for name, _ in readme_commands()} == set(COMMANDS)


@pytest.mark.parametrize(("name", "flags"), readme_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_and_flag_in_the_readme_is_in_its_help(name, flags):
    assert name in COMMANDS, f"the README shows `briefing {name}`, which is not a command"
    result = CliRunner().invoke(app, [name, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    for flag in flags:
        assert flag in flags_of(COMMANDS[name]) and flag in result.output, f"briefing {name} {flag}"


def test_every_flag_named_in_the_prose_belongs_to_some_command():
    known = set().union(*(flags_of(command) for command in COMMANDS.values()))
    named = {flag for span in SPANS if not span.startswith(("briefing ", "make ", "pip ", "npm ", "rclone "))
             for flag in FLAG.findall(span)}
    assert named and named - OTHER_PROGRAMS <= known, sorted(named - OTHER_PROGRAMS - known)


def environment_read_by_code() -> set[str]:
    """Variables the code reads: by name (os.environ) or as a live setting (pydantic-settings)."""
    literal = {name for path in (REPO / "src" / "briefing").rglob("*.py")
               for name in re.findall(r"[\"']((?:BRIEFING|OPENALEX)_[A-Z_]+)[\"']", path.read_text(encoding="utf-8"))}
    prefix = Environment.model_config["env_prefix"]
    settings = {field.validation_alias or f"{prefix}{name.upper()}" for name, field in Environment.model_fields.items()}
    return literal | settings


def test_every_environment_variable_in_the_readme_is_read_by_the_code():
    named = set(re.findall(r"\b((?:BRIEFING|OPENALEX)_[A-Z_]+)\b", README))
    assert named and named <= environment_read_by_code(), sorted(named - environment_read_by_code())


def test_every_live_setting_is_in_the_readme():
    prefix = Environment.model_config["env_prefix"]
    for name, field in Environment.model_fields.items():
        assert (field.validation_alias or f"{prefix}{name.upper()}") in README, name


def layout_entries() -> list[str]:
    """Paths the README's layout block names: the column before each description (three
    or more spaces), indented two for src/briefing's packages; deeper lines continue a
    description."""
    block = README.split("## Layout", 1)[1].split("```", 2)[1]
    entries = []
    for line in block.splitlines():
        indent = len(line) - len(line.lstrip())
        if not line.strip() or indent > 2:
            continue
        head = re.split(r"\s{3,}", line.strip())[0]
        entries += [("src/briefing/" if indent == 2 else "") + word for word in head.split()]
    return entries


def test_the_layout_section_matches_the_tree():
    entries = layout_entries()
    for entry in entries:
        assert (REPO / entry).exists(), f"the README's layout names {entry}, which is not in the tree"
    packages = sorted(p.name for p in (REPO / "src" / "briefing").iterdir() if (p / "__init__.py").is_file())
    assert {f"src/briefing/{name}/" for name in packages} <= set(entries)
