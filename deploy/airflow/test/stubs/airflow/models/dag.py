class DAG:
    """Collects the operators created inside `with DAG(...)`; only what the test reads."""

    current = None
    KNOWN = {"dag_id", "description", "schedule", "start_date", "catchup", "max_active_runs",
             "tags", "default_args", "params", "doc_md", "render_template_as_native_obj"}

    def __init__(self, dag_id=None, **kwargs):
        unknown = set(kwargs) - self.KNOWN
        if unknown:
            raise TypeError("DAG() got arguments the stub does not know: " + str(sorted(unknown)))
        self.dag_id = dag_id
        self.default_args = kwargs.get("default_args") or {}
        self.params = kwargs.get("params") or {}
        self.kwargs = kwargs
        self.tasks = {}

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None
        return False

    def add(self, task):
        if task.task_id in self.tasks:
            raise ValueError("duplicate task_id " + task.task_id)
        self.tasks[task.task_id] = task
