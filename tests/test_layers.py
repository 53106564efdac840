"""The layers point inward only (house style): a lower layer never imports a higher one.

Every `import`/`from … import` in the package counts, also those inside functions (lazy imports
for start-up speed) and under TYPE_CHECKING: a dependency is a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "mastergroup"

# What each layer may import besides itself: cli -> services -> present -> register -> config
# -> io -> i18n -> core; each may use everything below it, never anything above.
ORDER = ["core", "i18n", "io", "config", "register", "present", "services", "cli"]
ALLOWED = {layer: set(ORDER[: n + 1]) for n, layer in enumerate(ORDER)}
TOP = {"__init__": set(), "__main__": {"cli"}}


def layer_of(module: str) -> str:
    """`mastergroup.core.rules` -> `core`; `mastergroup` -> `__init__`."""
    parts = module.split(".")
    if len(parts) > 1 and (parts[1] in ORDER or parts[1] in TOP):
        return parts[1]
    return "__init__"  # mastergroup itself, or a name it defines (__version__)


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module) of every mastergroup import in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("mastergroup")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "mastergroup":  # from mastergroup import cli, __version__
                found += [(node.lineno, f"mastergroup.{a.name}") for a in node.names]
            elif node.module.startswith("mastergroup."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}:{node.lineno}: use absolute imports")
    return found


def own_layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def test_every_module_sits_in_a_layer():
    stray = [p.name for p in PACKAGE.glob("*.py") if p.stem not in TOP]
    assert not stray, f"modules outside a layer folder: {stray}"
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(ORDER), folders


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_inward(path: Path):
    mine = own_layer(path)
    allowed = TOP.get(mine) if mine in TOP else ALLOWED[mine]
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {target}"
        for line, target in imports_of(path)
        if layer_of(target) not in allowed | {"__init__"}
    ]
    assert not wrong, "a lower layer imports a higher one:\n" + "\n".join(wrong)


def test_the_rule_catches_an_upward_import(tmp_path: Path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from mastergroup.services import App\n", encoding="utf-8")
    assert imports_of(bad) == [(2, "mastergroup.services")]
    assert layer_of("mastergroup.services") not in ALLOWED["core"]


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_another_modules_private_names(path: Path):
    """A `_name` is its module's own business; what others need is made public."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} imports {a.name} from {node.module}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mastergroup")
        for a in node.names
        if a.name.startswith("_") and not a.name.startswith("__")
    ]
    assert not private, "\n".join(private)
