"""The modules a Python file imports, read from its source with `ast`.

Imports inside functions count as much as those at the top: tests that
check the shape of the code (tests/test_architecture.py,
tests/test_tests_stand_alone.py) must see an import moved into a function.
"""

import ast


def imported_names(source, package, filename="<source>"):
    """(line, dotted name) of everything `source` may import, `package` being its package.

    For `from a.b import c` both `a.b` and `a.b.c` are given: `c` may be a
    module or a name in `a.b`; the caller keeps those it knows as modules.
    Relative imports are resolved against `package` (a sequence of names).
    """
    package = list(package)
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module
            names = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            yield node.lineno, name
