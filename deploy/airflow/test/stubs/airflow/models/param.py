class Param:
    """A DAG param: a default, a JSON-schema type and a description."""

    TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool}

    def __init__(self, default=None, description=None, **schema):
        self.value = default
        self.description = description
        self.schema = schema

    def resolve(self, value):
        """The value a run uses, checked against the type and minimum as Airflow would."""
        expected = self.TYPES.get(self.schema.get("type"))
        if expected is not None and (not isinstance(value, expected)
                                     or isinstance(value, bool) != (expected is bool)):
            raise ValueError("param value " + repr(value) + " is not of type "
                             + self.schema["type"])
        if "minimum" in self.schema and value < self.schema["minimum"]:
            raise ValueError("param value " + repr(value) + " is below the minimum "
                             + str(self.schema["minimum"]))
        return value
