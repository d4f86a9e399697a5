"""ncf-spark on Airflow 2: PrepareJob >> TrainJob >> EvaluateJob >> RecommendJob on Spark.

Each task is a spark-submit of the application jar through the Spark connection (its host is the
master: yarn, k8s://..., spark://...; deploy mode, queue and spark-home go in its extras), so no
host appears here. Paths and sizes are DAG params, overridable per run ("Trigger DAG w/ config");
deployment-wide settings are Airflow Variables with defaults.

Every task passes --overwrite: a job publishes its output only once complete (it writes a hidden
staging directory and renames it), so a retry or a rerun replaces a whole earlier output and a
failed attempt leaves the previous one in place.

Each job accepts --validate (options and inputs checked, no Spark work). Only prepare can be
validated before the run starts: the inputs of train, evaluate and recommend are the outputs of
the tasks before them, which every job checks again when it starts.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.models.param import Param
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# Deployment-wide settings: Airflow Variables (or AIRFLOW_VAR_<NAME> environment variables).
SPARK_CONN_ID = Variable.get("ncf_spark_conn_id", default_var="spark_default")
# GPUs per executor of the jobs that run the network (train, evaluate, recommend): 0 runs them on
# the CPU backend; 1 or more needs the application jar built with -Pcuda (whose executors fail
# without a GPU), GPU nodes, and the discovery script at this path on each of them.
GPUS = int(Variable.get("ncf_spark_gpus", default_var="0"))
GPU_DISCOVERY_SCRIPT = Variable.get(
    "ncf_spark_gpu_discovery_script", default_var="/opt/ncf-spark/get-gpus-resources.sh")

PREPARED = "{{ params.work_dir }}/prepared"
MODEL = "{{ params.work_dir }}/model"
EVALUATION = "{{ params.work_dir }}/evaluation"
RECOMMENDATIONS = "{{ params.work_dir }}/recommendations"

# ND4J keeps its arrays off the Java heap, in memory JavaCPP counts against maxbytes (arrays) and
# maxphysicalbytes (the whole process); YARN and Kubernetes count it against memoryOverhead.
SPARK_CONF = {
    "spark.driver.memory": "{{ params.driver_memory }}",
    "spark.executor.memory": "{{ params.executor_memory }}",
    "spark.executor.memoryOverhead": "{{ params.executor_memory_overhead }}",
    "spark.executor.cores": "{{ params.executor_cores }}",
    "spark.executor.instances": "{{ params.executors }}",
    "spark.executor.extraJavaOptions": (
        "-Dorg.bytedeco.javacpp.maxbytes={{ params.javacpp_max_bytes }} "
        "-Dorg.bytedeco.javacpp.maxphysicalbytes={{ params.javacpp_max_physical_bytes }}"),
    "spark.executorEnv.OMP_NUM_THREADS": "{{ params.omp_num_threads }}",
}

GPU_CONF = {
    "spark.executor.resource.gpu.amount": str(GPUS),
    # One task per GPU at a time: a training task fits one model copy, on a GPU of its own.
    "spark.task.resource.gpu.amount": "1",
    "spark.executor.resource.gpu.discoveryScript": GPU_DISCOVERY_SCRIPT,
}


def job(task_id, java_class, args, runs_network=False):
    """One ncf-spark job as a spark-submit of the application jar; the jobs that run the
    network get the GPUs, if any."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=SPARK_CONN_ID,
        application="{{ params.application }}",
        java_class=java_class,
        name="ncf-spark-" + task_id,
        conf={**SPARK_CONF, **(GPU_CONF if runs_network and GPUS > 0 else {})},
        application_args=args,
    )


with DAG(
    dag_id="ncf_spark",
    description="NCF recommender: prepare, train, evaluate, recommend on Spark",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["ncf-spark", "spark", "recommender"],
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "retry_exponential_backoff": True,
        "execution_timeout": timedelta(hours=12),
    },
    params={
        "application": Param(
            "/opt/ncf-spark/ncf-spark-app.jar", type="string",
            description="Application jar (mvn package builds target/ncf-spark-VERSION-app.jar), "
            "a path spark-submit can read: local to the Airflow worker, hdfs: or s3a:."),
        "input_dir": Param(
            "hdfs:///data/ml-25m", type="string",
            description="MovieLens directory holding movies.csv and ratings.csv."),
        "work_dir": Param(
            "hdfs:///ncf-spark/ml-25m", type="string",
            description="Outputs go to prepared/, model/, evaluation/ and recommendations/ here."),
        "min_year": Param(2010, type="integer", description="Keep movies from this year on."),
        "seed": Param(42, type="integer", description="Seed of sampling, training, evaluation."),
        "epochs": Param(5, type="integer", minimum=1),
        "batch_size": Param(512, type="integer", minimum=1),
        "workers": Param(1, type="integer", minimum=1,
                         description="Model copies trained in parallel and averaged."),
        "bootstrap_samples": Param(1000, type="integer", minimum=1),
        "top_n": Param(10, type="integer", minimum=1),
        "driver_memory": Param("4g", type="string"),
        "executor_memory": Param("8g", type="string"),
        "executor_memory_overhead": Param(
            "6g", type="string",
            description="Off-heap room per executor: ND4J arrays, JavaCPP, CUDA context."),
        "javacpp_max_bytes": Param("4g", type="string"),
        "javacpp_max_physical_bytes": Param(
            "13g", type="string",
            description="A little under memory + overhead: JavaCPP then collects garbage and "
            "fails with a clear OutOfMemoryError before the cluster kills the container."),
        "executor_cores": Param(4, type="integer", minimum=1),
        "executors": Param(2, type="integer", minimum=1),
        "omp_num_threads": Param(2, type="integer", minimum=1,
                                 description="ND4J threads per operation on each executor."),
    },
    doc_md=__doc__,
) as dag:
    prepare = job("prepare", "org.ncfspark.PrepareJob", [
        "--input-dir", "{{ params.input_dir }}",
        "--prepared-dir", PREPARED,
        "--min-year", "{{ params.min_year }}",
        "--seed", "{{ params.seed }}",
        "--overwrite",
    ])
    train = job("train", "org.ncfspark.TrainJob", [
        "--prepared-dir", PREPARED,
        "--model-dir", MODEL,
        "--epochs", "{{ params.epochs }}",
        "--batch-size", "{{ params.batch_size }}",
        "--workers", "{{ params.workers }}",
        "--seed", "{{ params.seed }}",
        "--overwrite",
    ], runs_network=True)
    evaluate = job("evaluate", "org.ncfspark.EvaluateJob", [
        "--prepared-dir", PREPARED,
        "--model-dir", MODEL,
        "--evaluation-dir", EVALUATION,
        "--bootstrap-samples", "{{ params.bootstrap_samples }}",
        "--seed", "{{ params.seed }}",
        "--overwrite",
    ], runs_network=True)
    recommend = job("recommend", "org.ncfspark.RecommendJob", [
        "--prepared-dir", PREPARED,
        "--model-dir", MODEL,
        "--recommendations-dir", RECOMMENDATIONS,
        "--top-n", "{{ params.top_n }}",
        "--overwrite",
    ], runs_network=True)

    prepare >> train >> evaluate >> recommend
