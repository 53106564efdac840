"""Run every console example of README.md and write what it prints back under its command.

    python scripts/update_readme_examples.py           # rewrite the outputs in README.md
    python scripts/update_readme_examples.py --check   # exit 1 (and show the diff) if they differ

A ```console block is a sequence of `$ ` command lines, each followed by what it prints (stdout
and stderr, as a terminal shows them). A command goes on over the next line when its line ends
with a backslash. Every block of the README runs in order in ONE bash process, the way a reader
types the README in one terminal: a `cd` or an `export` in one block holds for the blocks after
it. That bash runs in a fresh temporary folder that is also HOME and TMPDIR, with a fixed
environment (below) and no MASTERGROUP_* variable: what the examples need (MASTERGROUP_HOME,
MASTERGROUP_TODAY, a configuration file) the README sets itself, where the reader sees it.

A command that exits with a status other than 0 must say so in a comment on its last line,
e.g. `# session full: exit 4`; any other status stops the script, so an example broken by a
change is never written into the README as if it were its output.

What varies from run to run is normalised when outputs are compared, and a block whose
normalised output is unchanged is left as it is in the README: ISO timestamps with a time
(`2023-03-01T08:12:30+00:00`) and the folders `mktemp -d` makes (`/tmp/tmp.XXXXXXXXXX`).
An output is written as printed, trailing spaces included (Markdown's hard line break is two
of them), but compared without them (an editor may drop them); its trailing empty lines are
dropped.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"

FENCE = "```console"
PROMPT = "$ "
EXPECTED_EXIT = re.compile(r"#.*\bexit (\d+)\b[^#]*$")
MARK = "\x1e"  # record separator: the shell prints it between two commands' outputs
ENDED = re.compile("\n" + MARK + r"(\d+) (\d+)" + MARK)

# Normalised before comparing (and only then): what differs between two honest runs.
TIMESTAMP = re.compile(r"\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?")
MKTEMP = re.compile(r"/tmp/tmp\.[A-Za-z0-9]{6,}")  # noqa: S108 (a pattern of text, not a file)
VARYING = [(TIMESTAMP, "<timestamp>"), (MKTEMP, "/tmp/tmp.XXXXXXXXXX")]  # noqa: S108


class ExampleError(Exception):
    """A console block the script cannot run as written, or a command that failed."""


@dataclass
class Command:
    lines: list[str]  # as written, with the `$ ` of the first and the `\` continuations
    output: list[str] = field(default_factory=list)

    @property
    def shell(self) -> str:
        return "\n".join([self.lines[0][len(PROMPT) :], *self.lines[1:]])

    @property
    def expected_exit(self) -> int:
        found = EXPECTED_EXIT.search(self.lines[-1])
        return int(found.group(1)) if found else 0


@dataclass
class Block:
    first: int  # index of the first line inside the fence
    last: int  # index of the closing fence
    commands: list[Command]

    def text(self) -> list[str]:
        return [line for c in self.commands for line in (*c.lines, *c.output)]


def parse(text: str) -> list[Block]:
    """The console blocks of a Markdown text, each a list of commands with their outputs."""
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != FENCE:
            i += 1
            continue
        start = i + 1
        end = start
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        if end == len(lines):
            raise ExampleError(f"README line {i + 1}: a console block that is never closed")
        blocks.append(Block(start, end, _commands(lines[start:end], start)))
        i = end + 1
    return blocks


def _commands(body: list[str], start: int) -> list[Command]:
    commands: list[Command] = []
    continued = False
    for number, line in enumerate(body, start + 1):
        if continued:
            commands[-1].lines.append(line)
        elif line.startswith(PROMPT):
            commands.append(Command([line]))
        elif not commands:
            raise ExampleError(
                f"README line {number}: a console block starts with `$ command`, not with output"
                " (show the command that prints it, so that the tests can run it)"
            )
        else:
            commands[-1].output.append(line)
        continued = (continued or line.startswith(PROMPT)) and line.endswith("\\")
    if continued:
        raise ExampleError(f"README line {start + len(body)}: a `\\` continues into nothing")
    return commands


def environment(sandbox: Path) -> dict[str, str]:
    """A fixed environment: the installed console script first on PATH, no MASTERGROUP_*."""
    scripts = sysconfig.get_path("scripts")
    if not (Path(scripts) / "mastergroup").exists():
        raise ExampleError(f"no `mastergroup` in {scripts}: run `pip install -e .` first")
    return {
        "PATH": os.pathsep.join([scripts, "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(sandbox / "home"),  # `~` and the platform's config and data folders
        "TMPDIR": str(sandbox / "tmp"),  # where the README's `mktemp -d` makes its folder
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "Europe/Helsinki",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "COLUMNS": "100",
        "LINES": "50",
        "PYTHONUNBUFFERED": "1",  # stdout and stderr reach the pipe in the order written
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def run(blocks: list[Block], timeout: float = 120) -> list[list[list[str]]]:
    """Every command of every block in one bash; each command's output, as lines."""
    commands = [c for b in blocks for c in b.commands]
    script = "".join(
        f"{c.shell}\nprintf '\\n{MARK}%d %d{MARK}' {n} \"$?\"\n" for n, c in enumerate(commands)
    )
    with tempfile.TemporaryDirectory(prefix="mastergroup-readme-") as folder:
        sandbox = Path(folder).resolve()
        for sub in ("home", "tmp", "work"):
            (sandbox / sub).mkdir()
        (sandbox / "tour.sh").write_text(script, encoding="utf-8")
        bash = shutil.which("bash")
        if bash is None:
            raise ExampleError("no bash on PATH: the README's examples are bash")
        try:
            done = subprocess.run(  # noqa: S603 (the README's own commands, in a sandbox)
                [bash, "--noprofile", "--norc", str(sandbox / "tour.sh")],
                cwd=sandbox / "work",
                env=environment(sandbox),
                stdin=subprocess.DEVNULL,  # a command that asks for input fails, never waits
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as expired:
            seen = (expired.stdout or b"").decode("utf-8", errors="replace")
            raise ExampleError(
                f"the examples ran over {timeout} s; they printed:\n{seen}"
            ) from None
        printed = done.stdout.decode("utf-8", errors="replace")
        # Paths as the reader's shell would print them: ~ for HOME, /tmp for TMPDIR.
        printed = printed.replace(str(sandbox / "home"), "~")
        printed = printed.replace(str(sandbox / "tmp"), "/tmp")  # noqa: S108
    parts = ENDED.split(printed)
    outputs, statuses = parts[0:-1:3], [int(s) for s in parts[2::3]]
    if len(statuses) != len(commands) or parts[-1].strip():
        raise ExampleError(
            f"the shell ran {len(statuses)} of {len(commands)} commands (exit {done.returncode});"
            f" it printed:\n{printed}"
        )
    for command, status, output in zip(commands, statuses, outputs, strict=True):
        if status != command.expected_exit:
            raise ExampleError(
                f"exit {status}, expected {command.expected_exit}:\n{command.shell}\n{output}\n"
                "(a command that fails on purpose says so on its last line: `# ... exit N`)"
            )
    found = [_lines(output) for output in outputs]
    result: list[list[list[str]]] = []
    for block in blocks:
        result.append(found[: len(block.commands)])
        found = found[len(block.commands) :]
    return result


def _lines(output: str) -> list[str]:
    lines = output.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def normalise(lines: list[str]) -> list[str]:
    text = "\n".join(line.rstrip() for line in lines).rstrip("\n")
    for pattern, replacement in VARYING:
        text = pattern.sub(replacement, text)
    return text.split("\n")


def regenerate(text: str) -> tuple[str, int, int]:
    """README text with every console block's outputs as the commands print them now; the
    number of blocks and of commands."""
    blocks = parse(text)
    outputs = run(blocks)
    lines = text.split("\n")
    for block, printed in reversed(list(zip(blocks, outputs, strict=True))):
        ran = [Command(c.lines, o) for c, o in zip(block.commands, printed, strict=True)]
        new = Block(block.first, block.last, ran)
        old = lines[block.first : block.last]
        if normalise(old) != normalise(new.text()):
            lines[block.first : block.last] = new.text()
    return "\n".join(lines), len(blocks), sum(len(b.commands) for b in blocks)


def diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), "README.md", "as run now"
    )
    return "".join(lines)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    old = README.read_text(encoding="utf-8")
    try:
        new, blocks, commands = regenerate(old)
    except ExampleError as error:
        print(f"update_readme_examples: {error}", file=sys.stderr)
        return 2
    if new == old:
        print(f"README.md: {blocks} console blocks, {commands} commands, as shown")
        return 0
    if check:
        print(diff(old, new), file=sys.stderr)
        print("README.md differs: python scripts/update_readme_examples.py", file=sys.stderr)
        return 1
    README.write_text(new, encoding="utf-8")
    print(f"README.md: {blocks} console blocks, {commands} commands, outputs rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
