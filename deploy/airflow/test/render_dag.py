#!/usr/bin/env python3
"""Loads an ncf-spark DAG file against the Airflow stand-in in stubs/ and prints, as JSON, the
DAG's params and its tasks in dependency order, each with its templated fields rendered as a
run with the given params would see them.

    render_dag.py DAG_FILE ['{"work_dir": "/tmp/x"}']

The renderer understands {{ params.NAME }} only, and fails on any other template: the DAG keeps
to that so that what this prints is what Airflow's Jinja renders.
"""

import importlib.util
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "stubs"))

from airflow.models.dag import DAG  # noqa: E402  (after the stubs are on the path)

PARAM = re.compile(r"\{\{\s*params\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def load(dag_file):
    spec = importlib.util.spec_from_file_location("dag_under_test", dag_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dags = [value for value in vars(module).values() if isinstance(value, DAG)]
    if len(dags) != 1:
        raise SystemExit(dag_file + ": expected one DAG, found " + str(len(dags)))
    return dags[0]


def resolve_params(dag, overrides):
    unknown = set(overrides) - set(dag.params)
    if unknown:
        raise SystemExit("no such params: " + str(sorted(unknown)))
    return {name: param.resolve(overrides.get(name, param.value))
            for name, param in dag.params.items()}


def render(value, params, where):
    if isinstance(value, str):
        def substitute(match):
            if match.group(1) not in params:
                raise SystemExit(where + ": unknown param " + match.group(1))
            return str(params[match.group(1)])
        rendered = PARAM.sub(substitute, value)
        if "{{" in rendered or "{%" in rendered:
            raise SystemExit(where + ": template beyond {{ params.NAME }}: " + value)
        return rendered
    if isinstance(value, list):
        return [render(item, params, where) for item in value]
    if isinstance(value, dict):
        return {key: render(item, params, where + "." + key) for key, item in value.items()}
    return value


def untemplated(value):
    text = json.dumps(value, default=str)
    return "{{" not in text and "{%" not in text


def in_order(dag):
    """Tasks sorted so that each comes after its upstream tasks, ties by task_id."""
    done, order = set(), []
    while len(order) < len(dag.tasks):
        ready = sorted(task_id for task_id, task in dag.tasks.items()
                       if task_id not in done and task.upstream_task_ids <= done)
        if not ready:
            raise SystemExit("the DAG has a cycle")
        for task_id in ready:
            done.add(task_id)
            order.append(dag.tasks[task_id])
    return order


def describe(task, params):
    arguments = {}
    for key, value in task.arguments.items():
        if key in task.template_fields:
            arguments[key] = render(value, params, task.task_id + "." + key)
        elif untemplated(value):
            arguments[key] = value
        else:
            raise SystemExit(task.task_id + "." + key + " holds a template but is not a "
                             "templated field of " + type(task).__name__)
    return {
        "task_id": task.task_id,
        "operator": type(task).__name__,
        "upstream": sorted(task.upstream_task_ids),
        "downstream": sorted(task.downstream_task_ids),
        "retries": task.retries,
        "retry_delay_s": task.retry_delay.total_seconds() if task.retry_delay else None,
        "conn_id": task.conn_id,
        **arguments,
    }


def main():
    dag = load(sys.argv[1])
    params = resolve_params(dag, json.loads(sys.argv[2]) if len(sys.argv) > 2 else {})
    print(json.dumps({
        "dag_id": dag.dag_id,
        "params": params,
        "tasks": [describe(task, params) for task in in_order(dag)],
    }, indent=2))


if __name__ == "__main__":
    main()
