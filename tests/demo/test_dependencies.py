"""Arrows run one way: no app imports the demo (nor runs it: the benchmarks make their own data), and
the demo loads no module by name."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["courses", "cms", "certificates"]


def modules(package):
    return sorted((ROOT / package).rglob("*.py"))


def imported_names(path):
    """Every module name `path` imports (absolute imports; relative ones stay inside its package),
    and every string it holds that names a module or command of the demo (`import_module("lms.demo…")`,
    `call_command("seed_demo")`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("seed_demo"):
            yield "lms.demo"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("lms.demo"):
            yield node.value


def test_the_walk_finds_the_modules_and_their_imports(tmp_path):
    benchmark = ROOT / "courses/curricula/management/commands/compliance_benchmark.py"
    assert benchmark in modules("courses")
    assert "courses.curricula.models" in set(imported_names(benchmark))
    sample = tmp_path / "sample.py"
    sample.write_text('import importlib\nimportlib.import_module("lms.demo.people")\ncall_command("seed_demo")\n')
    assert {"lms.demo.people", "lms.demo"} <= set(imported_names(sample))


@pytest.mark.parametrize("package", APPS)
def test_no_app_module_imports_the_demo(package):
    offenders = {
        str(path.relative_to(ROOT)): name
        for path in modules(package)
        for name in imported_names(path)
        if name == "lms.demo" or name.startswith("lms.demo.")
    }
    assert offenders == {}


def test_no_demo_module_loads_modules_by_name():
    offenders = []
    for path in modules("lms/demo"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
                if any(name.split(".")[0] == "importlib" for name in names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif isinstance(node, ast.Name | ast.Attribute) and getattr(node, "id", getattr(node, "attr", "")) in {
                "__import__",
                "import_module",
                "import_string",
            }:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert len(modules("lms/demo")) > 10
    assert offenders == []
