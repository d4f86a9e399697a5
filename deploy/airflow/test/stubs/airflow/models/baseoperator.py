from airflow.models.dag import DAG


class BaseOperator:
    """Task identity, retries from the DAG's default_args, and >> dependencies."""

    BASE_ARGS = {"task_id", "retries", "retry_delay", "retry_exponential_backoff",
                 "execution_timeout", "pool", "queue", "owner", "doc_md", "dag"}
    template_fields = ()

    def __init__(self, task_id, **kwargs):
        dag = kwargs.pop("dag", None) or DAG.current
        if dag is None:
            raise ValueError("task " + task_id + " is created outside a DAG")
        unknown = set(kwargs) - self.BASE_ARGS
        if unknown:
            raise TypeError(type(self).__name__ + "() got arguments the stub does not know: "
                            + str(sorted(unknown)))
        settings = {**dag.default_args, **kwargs}
        self.task_id = task_id
        self.dag = dag
        self.retries = settings.get("retries", 0)
        self.retry_delay = settings.get("retry_delay")
        self.execution_timeout = settings.get("execution_timeout")
        self.upstream_task_ids = set()
        self.downstream_task_ids = set()
        dag.add(self)

    def set_downstream(self, other):
        self.downstream_task_ids.add(other.task_id)
        other.upstream_task_ids.add(self.task_id)

    def __rshift__(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            self.set_downstream(task)
        return other

    def __lshift__(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            task.set_downstream(self)
        return other
