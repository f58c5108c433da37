"""No test module imports another test module, nor a conftest.py.

What tests share lives in helper modules (tests/pages.py, tests/stack.py,
tests/browser/admin.py…) and in conftest.py fixtures. A test module imported
by another brings its tests' setup along unseen (an autouse fixture applies
to the importer too), runs its module code twice under two names, and ties
the two together, so that moving or deleting a test breaks another; a
conftest.py is pytest's to load.
"""

from pathlib import Path

from tests.imports import imported_names

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent


def _is_test_module(dotted):
    file = PROJECT.joinpath(*dotted.split(".")).with_suffix(".py")
    return file.is_file() and (file.stem.startswith("test_") or file.stem == "conftest")


def imports_of_test_modules(path, source):
    """(line, module) of each import in `source` (the file at `path`) of a test module or conftest."""
    package = path.relative_to(PROJECT).with_suffix("").parts[:-1]
    # `from tests import test_settings` imports a module as a name.
    return sorted(
        (line, name)
        for line, name in imported_names(source, package, filename=str(path))
        if _is_test_module(name)
    )


def python_files():
    return [path for path in TESTS.rglob("*.py") if "node_modules" not in path.parts]


def test_no_test_module_imports_another_or_a_conftest():
    offending = [
        f"{path.relative_to(PROJECT)}:{line} imports {name}"
        for path in python_files()
        for line, name in imports_of_test_modules(
            path, path.read_text(encoding="utf-8")
        )
    ]

    assert offending == [], (
        "Move what they share into a helper module or a conftest.py fixture:\n"
        + "\n".join(offending)
    )


def test_the_check_sees_every_way_of_importing_one():
    path = TESTS / "browser" / "test_example.py"
    source = (
        "from tests.test_settings import PRODUCTION\n"
        "def helper():\n"
        "    from tests import test_workflow\n"
        "import tests.browser.test_visitors\n"
        "from .conftest import people\n"
        "from ..conftest import edge\n"
        "from tests.pages import soup\n"
        "from . import admin\n"
    )

    assert imports_of_test_modules(path, source) == [
        (1, "tests.test_settings"),
        (3, "tests.test_workflow"),
        (4, "tests.browser.test_visitors"),
        (5, "tests.browser.conftest"),
        (6, "tests.conftest"),
    ]
