#!/usr/bin/env bash
# Spark GPU discovery script: prints the GPUs this executor (or driver) may use in Spark's
# resource format, {"name": "gpu", "addresses": ["0", "1"]}. Spark runs it at start-up when
# spark.{executor,driver}.resource.gpu.discoveryScript names it.
#
# Under YARN's or Kubernetes' GPU isolation the container sees only the GPUs it was given, so
# nvidia-smi lists exactly those; CUDA_VISIBLE_DEVICES, when set to indices, narrows the list
# further (set to GPU UUIDs it is left to CUDA).
# Without nvidia-smi or without a GPU it fails with a message, and Spark refuses to start the
# executor rather than train on the CPU behind the user's back.
set -euo pipefail

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "get-gpus-resources.sh: nvidia-smi not found on ${HOSTNAME:-this host}; no NVIDIA" \
    "driver here" >&2
  exit 1
fi
if ! indices="$(nvidia-smi --query-gpu=index --format=csv,noheader 2>&1)"; then
  echo "get-gpus-resources.sh: nvidia-smi failed on ${HOSTNAME:-this host}: $indices" >&2
  exit 1
fi

addresses=()
while read -r index; do
  index="${index//[[:space:]]/}"
  [[ -z "$index" ]] && continue
  visible="${CUDA_VISIBLE_DEVICES:-}"
  if [[ "$visible" =~ ^[0-9,]+$ && ",$visible," != *",$index,"* ]]; then
    continue
  fi
  addresses+=("\"$index\"")
done <<< "$indices"

if [[ ${#addresses[@]} -eq 0 ]]; then
  echo "get-gpus-resources.sh: no GPU visible on ${HOSTNAME:-this host}" >&2
  exit 1
fi
joined="$(IFS=,; echo "${addresses[*]}")"
echo "{\"name\": \"gpu\", \"addresses\": [${joined//,/, }]}"
