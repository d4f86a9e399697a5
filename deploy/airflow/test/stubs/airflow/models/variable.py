import os


class Variable:
    """Airflow looks a Variable up in AIRFLOW_VAR_<KEY> before its database; so does this."""

    @staticmethod
    def get(key, default_var=None, deserialize_json=False):
        value = os.environ.get("AIRFLOW_VAR_" + key.upper())
        if value is None:
            if default_var is None:
                raise KeyError("Variable " + key + " does not exist")
            return default_var
        return value
