"""The shape of the code (issue 17), read from the source: no function too tangled to change safely,
services that know nothing of Reflex, and data flowing one way between state and components."""

import ast
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class

APP = Path(__file__).resolve().parents[2] / "resilience_app"
# radon's cyclomatic complexity: above this a function does too many things to read or test as one.
MAX_COMPLEXITY = 15


def _modules(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        yield path, path.relative_to(APP.parent).with_suffix("").as_posix().replace("/", ".")


def _complexities(blocks, prefix: str = ""):
    """(qualified name, complexity) of every function, method, nested function and inner class's method."""
    for block in blocks:
        if isinstance(block, Class):
            yield from _complexities(block.methods + block.inner_classes, f"{prefix}{block.name}.")
        else:
            yield f"{prefix}{block.name}", block.complexity
            yield from _complexities(block.closures, f"{prefix}{block.name}.")


def test_no_function_is_above_the_complexity_limit():
    tangled = []
    for path, module in _modules(APP):
        # cc_visit lists a class's methods both on their own and in the class: take them from the class.
        blocks = [b for b in cc_visit(path.read_text(encoding="utf-8")) if isinstance(b, Class) or not b.is_method]
        tangled += [f"{module}.{name} ({n})" for name, n in _complexities(blocks) if n > MAX_COMPLEXITY]
    assert not tangled, f"above complexity {MAX_COMPLEXITY}, to split into well-named helpers: {', '.join(tangled)}"


def _imports(path: Path, module: str) -> set[str]:
    """Every module the file imports, anywhere in it (a lazy import inside a function too), as full
    names: `from resilience_app.core import clock` gives resilience_app.core and resilience_app.core.clock."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            source = ".".join(part for part in (base, node.module) if part)
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_relative_and_lazy_imports_are_read_too(tmp_path):
    source = tmp_path / "example.py"
    source.write_text("from ..components import drafts\nfrom . import auth\n\n\ndef f():\n    import reflex as rx\n")
    found = _imports(source, "resilience_app.state.example")
    assert {"resilience_app.components.drafts", "resilience_app.state.auth", "reflex"} <= found


def test_services_never_import_reflex_nor_the_layers_built_on_it():
    forbidden = ("reflex", "resilience_app.state", "resilience_app.components", "resilience_app.pages")
    offenders = sorted(
        f"{module} imports {name}"
        for path, module in _modules(APP / "services")
        for name in _imports(path, module)
        if any(_within(name, package) for package in forbidden)
    )
    assert offenders == []


def test_state_does_not_import_components():
    # Components read state vars, so state importing components would make a cycle: what both need
    # (drafts, say) belongs with the state.
    offenders = sorted(
        f"{module} imports {name}"
        for path, module in _modules(APP / "state")
        for name in _imports(path, module)
        if _within(name, "resilience_app.components")
    )
    assert offenders == []
