from airflow.models.baseoperator import BaseOperator


class SparkSubmitOperator(BaseOperator):
    """Records a spark-submit task. Its arguments and templated fields are those of the Apache
    Spark provider's operator; the stub refuses any other argument so a typo fails the test."""

    ARGS = {"application", "conf", "conn_id", "files", "py_files", "archives",
            "driver_class_path", "jars", "java_class", "packages", "exclude_packages",
            "repositories", "total_executor_cores", "executor_cores", "executor_memory",
            "driver_memory", "keytab", "principal", "proxy_user", "name", "num_executors",
            "status_poll_interval", "application_args", "env_vars", "verbose", "spark_binary",
            "properties_file"}
    # Fields Jinja renders in every 4.x release of the provider (later ones render more).
    template_fields = ("application", "conf", "files", "py_files", "jars",
                       "driver_class_path", "packages", "exclude_packages", "keytab",
                       "principal", "proxy_user", "name", "application_args", "env_vars")

    def __init__(self, *, task_id, **kwargs):
        own = {key: kwargs.pop(key) for key in list(kwargs) if key in self.ARGS}
        super().__init__(task_id, **kwargs)
        self.arguments = own
        self.conn_id = own.get("conn_id", "spark_default")
