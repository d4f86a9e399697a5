"""Writes BENCHMARKS.md from the stage results bench/run leaves under work/bench/SIZE/results/,
with the hand-written findings of bench/findings.md at the end."""

import glob
import json
import os
import platform
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def load(directory):
    results = {}
    for path in glob.glob(os.path.join(directory, "results", "*.json")):
        with open(path) as f:
            results[os.path.basename(path)[:-5]] = json.load(f)
    return results


def reference_stage(results, stage):
    for line in results.get("reference", {}).get("lines", []):
        if line.get("stage") == stage:
            return line
    return None


def reference_epochs(results):
    return [line for line in results.get("reference", {}).get("lines", [])
            if line.get("stage") == "train_epoch"]


def summary(directory):
    path = os.path.join(directory, "prepared", "summary.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def fmt(value, digits=1):
    if value is None:
        return "-"
    if isinstance(value, int) or digits == 0:
        return f"{round(value):,}"
    return f"{value:,.{digits}f}"


def ratio(product, reference):
    if not product or not reference:
        return "-"
    return f"{product / reference:.2f}"


def machine():
    def sh(command):
        try:
            return subprocess.run(command, shell=True, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "?"
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    memory = sh("awk '/MemTotal/ {printf \"%.0f GB\", $2/1048576}' /proc/meminfo")
    java = sh("java -version 2>&1 | head -n 1")
    return (f"{os.cpu_count()} cores ({cpu}), {memory} memory, {platform.system()} "
            f"{platform.release()}, {java}")


def size_section(ratings, results, facts):
    lines = [f"### {ratings:,} ratings", ""]
    if facts:
        lines += [f"Prepared (movies from 2010 on): {facts['users']:,} users, {facts['items']:,} "
                  f"items, {facts['training']['rows']:,} training rows per epoch "
                  f"({facts['training']['positives']:,} positives), "
                  f"{facts['test']['rows']:,} test candidates.", ""]
    ref_load = reference_stage(results, "load")
    ref_prepare = reference_stage(results, "prepare")
    ref_train = reference_stage(results, "train")
    ref_eval = reference_stage(results, "evaluate")
    ref_epochs = reference_epochs(results)
    ref_prep_seconds = (ref_load["seconds"] + ref_prepare["seconds"]
                        if ref_load and ref_prepare else None)
    ref_total = results.get("reference", {}).get("seconds")

    lines += ["| stage | ncf-spark wall s | ncf-spark throughput | reference wall s | "
              "reference throughput | time ratio (ncf-spark / reference) | ncf-spark heap peak "
              "/ process RSS peak, MB | reference RSS peak, MB |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]

    def row(stage, product_seconds, product_rate, ref_seconds, ref_rate, product_key,
            ref_rss=None):
        product = results.get(product_key, {})
        anonymous = product.get("peak_tree_anon_rss_mb")
        memory = (f"{fmt(product.get('heap_peak_mb'), 0)} / "
                  f"{fmt(product.get('peak_tree_rss_mb'), 0)}"
                  + (f" ({fmt(anonymous, 0)} anonymous)" if anonymous else "")
                  if product else "-")
        lines.append(f"| {stage} | {fmt(product_seconds)} | {product_rate} | {fmt(ref_seconds)} "
                     f"| {ref_rate} | {ratio(product_seconds, ref_seconds)} | {memory} | "
                     f"{fmt(ref_rss, 0) if ref_rss else '-'} |")

    generate = results.get("generate")
    if generate:
        row("generate (SyntheticMovieLensJob)", generate["seconds"],
            f"{fmt(ratings / generate['seconds'], 0)} ratings/s", None, "-", "generate")
    prepare = results.get("prepare")
    if prepare:
        row("prepare: CSV to training and test rows", prepare["seconds"],
            f"{fmt(ratings / prepare['seconds'], 0)} ratings/s", ref_prep_seconds,
            f"{fmt(ratings / ref_prep_seconds, 0)} ratings/s" if ref_prep_seconds else "-",
            "prepare", ref_prepare and ref_prepare["peak_rss_mb"])
    for key, epochs, workers in (("train-1", 1, ""), ("train-1-2w", 1, ", 2 workers"),
                                 ("train-5", 5, "")):
        train = results.get(key)
        if not train or "epochs" not in train:
            continue
        product_epochs = train["epochs"]
        fit_seconds = sum(e["seconds"] for e in product_epochs)
        samples = sum(e["samples"] for e in product_epochs)
        ref_part = ref_epochs[:epochs]
        ref_seconds = sum(e["seconds"] for e in ref_part) if ref_part else None
        ref_samples = sum(e["rows"] for e in ref_part) if ref_part else None
        label = f"train, {epochs} epoch{'s' if epochs > 1 else ''}{workers}"
        row(f"{label}: fitting only", fit_seconds,
            f"{fmt(samples / fit_seconds, 0)} samples/s", ref_seconds,
            f"{fmt(ref_samples / ref_seconds, 0)} samples/s" if ref_seconds else "-", key,
            ref_train and ref_train["peak_rss_mb"])
        row(f"{label}: whole TrainJob", train["seconds"],
            f"{fmt(samples / train['seconds'], 0)} samples/s", ref_seconds, "-", key)
    evaluate = results.get("evaluate")
    if evaluate:
        candidates = evaluate.get("candidates")
        row("evaluate: whole EvaluateJob", evaluate["seconds"],
            f"{fmt(candidates / evaluate['seconds'], 0)} candidates/s" if candidates else "-",
            ref_eval and ref_eval["seconds"],
            f"{fmt(ref_eval['rows_per_s'], 0)} candidates/s" if ref_eval else "-", "evaluate",
            ref_eval and ref_eval["peak_rss_mb"])
        sampled = evaluate.get("ncf_sampled_seconds")
        if sampled and candidates:
            row("evaluate: NCF sampled scoring and metrics only", sampled,
                f"{fmt(candidates / sampled, 0)} candidates/s", ref_eval and ref_eval["seconds"],
                "-", "evaluate")
    if prepare and results.get("train-5") and evaluate:
        total = prepare["seconds"] + results["train-5"]["seconds"] + evaluate["seconds"]
        peak = max(results[k].get("peak_tree_rss_mb") or 0
                   for k in ("prepare", "train-5", "evaluate"))
        heap = max(results[k].get("heap_peak_mb") or 0 for k in ("prepare", "train-5", "evaluate"))
        ref_peak = results.get("reference", {}).get("peak_tree_rss_mb")
        lines.append(f"| whole pipeline (prepare, train 5 epochs, evaluate) | {fmt(total)} | - | "
                     f"{fmt(ref_total)} | - | {ratio(total, ref_total)} | {fmt(heap, 0)} / "
                     f"{fmt(peak, 0)} | {fmt(ref_peak, 0)} |")
    ref_hr = {line.get("epoch"): line.get("hr_at_10")
              for line in results.get("reference", {}).get("lines", [])
              if line.get("stage") == "evaluate"}
    ncf = evaluate and evaluate.get("ncf_sampled")
    lines += ["", f"Sampled HR@10 (ties against the positive) after one epoch: ncf-spark's "
              f"EvaluateJob {ncf or '-'}; reference {ref_hr.get(1, '-')} (after 5 epochs "
              f"{ref_hr.get(5, '-')}).", ""]
    loads = [(k, v.get("load_before"), v.get("load_after")) for k, v in results.items()]
    lines += ["Load average (1 min) before / after each stage: " + ", ".join(
        f"{k} {b}/{a}" for k, b, a in sorted(loads, key=lambda x: STAGE_ORDER.index(x[0])
                                             if x[0] in STAGE_ORDER else 99)) + ".", ""]
    return lines


STAGE_ORDER = ["generate", "reference", "prepare", "train-1", "train-1-2w", "evaluate",
               "train-5"]


def per_million(results, ratings):
    seconds = {}
    for key in ("generate", "prepare", "evaluate"):
        if key in results:
            seconds[key] = results[key]["seconds"] / (ratings / 1e6)
    for key, label in (("train-1", "train, 1 epoch (fitting)"),
                       ("train-1-2w", "train, 1 epoch, 2 workers (fitting)"),
                       ("train-5", "train, 5 epochs (fitting)")):
        if key in results and "epochs" in results[key]:
            fit = sum(e["seconds"] for e in results[key]["epochs"])
            seconds[label] = fit / (ratings / 1e6)
    if "reference" in results:
        ref_load = reference_stage(results, "load")
        ref_prepare = reference_stage(results, "prepare")
        ref_train = reference_stage(results, "train")
        ref_epoch = reference_stage(results, "train_epoch")
        if ref_epoch:
            seconds["reference train, 1 epoch"] = ref_epoch["seconds"] / (ratings / 1e6)
        if ref_load and ref_prepare:
            seconds["reference prepare"] = (ref_load["seconds"] + ref_prepare["seconds"]) / (
                ratings / 1e6)
        if ref_train:
            seconds["reference train, 5 epochs"] = ref_train["seconds"] / (ratings / 1e6)
    return seconds


def write(work, target):
    sizes = sorted(int(os.path.basename(d)) for d in glob.glob(os.path.join(work, "*"))
                   if os.path.basename(d).isdigit())
    everything = {size: load(os.path.join(work, str(size))) for size in sizes}
    finished = [r.get("finished") for res in everything.values() for r in res.values()]
    lines = ["# Benchmarks", "",
             "ncf-spark's jobs against the notebook's pipeline as a single-process Python script "
             "(`bench/reference/ncf_reference.py`: pandas, scikit-learn, PyTorch), on the same "
             "synthetic MovieLens data from `SyntheticMovieLensJob`, measured in the same run.", "",
             "Produced by:", "", "```sh", "bench/run " + " ".join(str(s) for s in sizes), "```",
             "", f"Machine: {machine()}. Results finished between "
             f"{min(f for f in finished if f) if finished else '-'} and "
             f"{max(f for f in finished if f) if finished else '-'}.", "",
             "How each stage runs:", "",
             "- ncf-spark: each job through its launcher (`jobs/prepare`, `jobs/train`, "
             "`jobs/evaluate`) in local mode (`local[*]`, 2 cores), one JVM per job with "
             "`NCF_DRIVER_MEMORY=4g` (`-Xmx4g`), `OMP_NUM_THREADS=1`, every option at its "
             "default except: TrainJob with `--epochs 1` (one worker, then `--workers 2`) and "
             "with the default 5 epochs (one worker); "
             "EvaluateJob with `--baselines none --full-ranking-users 1000` (NCF only, like the "
             "reference; the unsampled ranking cannot be switched off, so 1,000 users get it). "
             "Wall times include the JVM and Spark start (about 10 s per job).",
             "- reference: one Python process, `torch.set_num_threads(1)` (a ncf-spark worker "
             "fits with one ND4J thread), same steps and hyperparameters; its "
             "'prepare' is reading the CSVs plus preparing in memory (it writes nothing), "
             "ncf-spark's writes Parquet.",
             "- Memory: 'heap peak' is the most heap in use before a collection in the JVM's GC "
             "log (a lower bound of the true peak); 'RSS peak' is the largest sum of the RSS of "
             "the process and its descendants, sampled every 0.2 s.",
             "- Each size lists the machine's load before and after every stage: a load above "
             "2 means other work shared the 2 cores and made that stage's time noisy.", ""]
    lines += ["## Results", ""]
    for size in sizes:
        lines += size_section(size, everything[size],
                              summary(os.path.join(work, str(size))))
    if len(sizes) > 1:
        lines += ["## Growth: seconds per million ratings", ""]
        keys = []
        per = {size: per_million(everything[size], size) for size in sizes}
        for size in sizes:
            keys += [k for k in per[size] if k not in keys]
        lines += ["| stage | " + " | ".join(f"{s:,}" for s in sizes) + f" | {sizes[-1]:,} / "
                  f"{sizes[0]:,} |", "| --- |" + " --- |" * (len(sizes) + 1)]
        for key in keys:
            values = [per[s].get(key) for s in sizes]
            growth = (ratio(values[-1], values[0]) if values[0] and values[-1] else "-")
            lines.append(f"| {key} | " + " | ".join(fmt(v, 2) for v in values) + f" | {growth} |")
        lines.append("")
    findings = os.path.join(HERE, "findings.md")
    if os.path.exists(findings):
        with open(findings) as f:
            lines += [f.read().rstrip(), ""]
    with open(target, "w") as f:
        f.write("\n".join(lines))
