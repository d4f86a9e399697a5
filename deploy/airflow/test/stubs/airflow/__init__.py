"""A stand-in for the parts of Airflow 2 that ncf_spark_dag.py uses, for testing the DAG where
Airflow cannot be installed. It records the DAG, its params and each task's arguments and
dependencies; it schedules and runs nothing."""

from airflow.models.dag import DAG

__all__ = ["DAG"]
