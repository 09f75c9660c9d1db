"""The layout and arrows of DESIGN.md and STYLE.md, checked on the source: the engine never imports
cms or certificates, certificates never import cms, no app imports the demo, no project module is
loaded by name, and no module grows past 600 lines."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
MAX_LINES = 600


def modules(*folders):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imported_names(path: Path) -> set[str]:
    """Every module `path` imports, absolute (relative imports resolved against its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def offending(paths, forbidden):
    found = []
    for path in paths:
        for name in imported_names(path):
            if any(name == prefix or name.startswith(prefix + ".") for prefix in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def test_the_top_level_is_the_design_cards():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert packages == {"lms", "courses", "cms", "certificates", "tests"}


def test_courses_holds_only_its_apps():
    entries = {path.name for path in (ROOT / "courses").iterdir() if path.name != "__pycache__"}
    optional = entries & {"insights", "evaluations"}
    assert entries == {"__init__.py", "catalogue", "people", "scheduling", "curricula"} | optional
    for app in entries - {"__init__.py"}:
        assert (ROOT / "courses" / app / "apps.py").exists(), f"courses/{app} is not an app"


def test_the_engine_never_imports_cms_certificates_or_the_demo():
    assert offending(modules("courses"), ["cms", "certificates", "lms.demo"]) == []


def test_certificates_never_import_cms_or_the_demo():
    assert offending(modules("certificates"), ["cms", "lms.demo"]) == []


def test_no_app_imports_the_demo():
    project = [p for p in modules("lms", "cms") if "demo" not in p.relative_to(ROOT).parts]
    assert offending(project, ["lms.demo"]) == []


def test_no_project_module_is_loaded_by_name():
    assert offending(modules("lms", "courses", "cms", "certificates"), ["importlib"]) == []


@pytest.mark.parametrize("folder", ["lms", "courses", "cms", "certificates"])
def test_no_module_is_longer_than_600_lines(folder):
    long = {
        str(path.relative_to(ROOT)): lines
        for path in modules(folder)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
