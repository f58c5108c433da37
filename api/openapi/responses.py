"""How the document's operations describe their parameters and answers, errors included."""

from .examples import ERRORS
from .schemas import ref

ERROR_WHY = {
    400: "A bad query: an unknown parameter or field, a malformed or out-of-bounds value.",
    403: "Refused.",
    404: "Nothing there.",
    409: "Already recorded.",
    413: "Too large.",
    429: "Too many requests: try again later.",
    500: "A bug on our side, told in JSON without any detail of the code.",
}


def json_content(schema, examples_by_name=None):
    content = {"schema": schema}
    if examples_by_name:
        content["examples"] = {
            name: {"value": value} for name, value in examples_by_name.items()
        }
    return {"application/json": content}


def errors(*statuses, why=None):
    why = {**ERROR_WHY, **(why or {})}
    return {
        str(status): {
            "description": why[status],
            "content": json_content(
                ref("Error"),
                ERRORS.get(status) and {"error": ERRORS[status]},
            ),
        }
        for status in statuses
    }


def query(name, schema, description, **extra):
    return {
        "name": name,
        "in": "query",
        "schema": schema,
        "description": description,
        **extra,
    }
