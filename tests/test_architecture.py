"""The shape of the code: rooms that depend one way, modules a reader can hold in mind.

Each top-level folder is a room named for what it holds (docs/architecture.md).
The graph here is read from the source with `ast`, imports inside functions
included, so that an import moved into a function to dodge a cycle still
counts as one.
"""

from pathlib import Path

from tests.imports import imported_names

ROOT = Path(__file__).resolve().parent.parent
# site/ is imported as config (a symbolic link: `site` is a standard module).
ROOMS = {
    "config": "site",
    "home": "home",
    "caching": "caching",
    "access": "access",
    "translating": "translating",
    "languages": "languages",
    "api": "api",
    "policy": "policy",
    "search": "search",
    "audit": "audit",
    "consent": "consent",
    "deploy": "deploy",
    "compat": "compat",
}
# The rooms every app builds on: they know no app that builds on them.
BASE_ROOMS = {"caching", "access", "translating", "languages", "home"}
CONTENT_ROOMS = {"policy", "search", "audit", "consent", "api"}
MAX_LINES = 400


def our_modules():
    modules = {}
    for room, folder in ROOMS.items():
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = [room, *path.relative_to(ROOT / folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imported_modules(name, path, modules):
    """The modules of ours that `name` imports, wherever in it the import is."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    source = path.read_text(encoding="utf-8")
    return {
        imported
        for _line, imported in imported_names(source, package, filename=str(path))
        if imported in modules and imported != name
    }


def import_graph():
    modules = our_modules()
    return {
        name: imported_modules(name, path, modules) for name, path in modules.items()
    }


def cycles(graph):
    """The strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def room_graph(graph):
    rooms = {room: set() for room in ROOMS}
    for name, targets in graph.items():
        for target in targets:
            if target.split(".")[0] != name.split(".")[0]:
                rooms[name.split(".")[0]].add(target.split(".")[0])
    return rooms


def test_no_module_imports_itself_back():
    found = cycles(import_graph())
    assert not found, f"import cycles between our modules: {found}"


def test_the_rooms_depend_one_way():
    rooms = room_graph(import_graph())
    found = cycles(rooms)
    assert not found, f"rooms that import each other: {found}"


def test_the_base_rooms_know_no_app_built_on_them():
    graph = import_graph()
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in graph.items()
        for target in targets
        if name.split(".")[0] in BASE_ROOMS and target.split(".")[0] in CONTENT_ROOMS
    )
    assert not wrong, "\n".join(wrong)


def test_the_framework_seams_stand_alone():
    """compat/ holds what we read of the libraries' insides, and nothing of ours."""
    graph = import_graph()
    ours = sorted(
        f"{name} imports {target}"
        for name, targets in graph.items()
        for target in targets
        if name.startswith("compat") and not target.startswith("compat")
    )
    assert not ours, "\n".join(ours)


def test_the_cycle_finder_sees_a_cycle():
    # The checks above pass on a graph with no cycle; this one shows that a
    # cycle, even through a third module, would be reported.
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_every_module_fits_in_a_readers_head():
    too_long = sorted(
        f"{path.relative_to(ROOT)}: {lines} lines"
        for path in our_modules().values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    )
    assert not too_long, f"modules over {MAX_LINES} lines:\n" + "\n".join(too_long)
