"""Fails unless the packaged .vsix holds both hub pages and their Project / Organization Settings contributions, the
pipeline task (its contribution, a valid task.json and every execution handler's target file) and exactly the
justified scopes, and unless every JSON file it holds, and the source manifest, task.json and tfx override files,
are free of duplicate keys (a JSON reader silently keeps one of them).

Usage: check-vsix.py PACKAGE.vsix [--source FILE ...]   (default sources: the repository's vss-extension.json,
configs/*.json and task/*/task.json)"""
import glob
import json
import os
import re
import sys
import zipfile

problems = []


def strict_json(text, where):
    """json.loads that reports every duplicate key of every object as a problem (and keeps the last, as JSON does)."""

    def pairs(items):
        seen = set()
        for key, _ in items:
            if key in seen:
                problems.append(f"{where}: duplicate key {key!r}")
            seen.add(key)
        return dict(items)

    return json.loads(text, object_pairs_hook=pairs)


args = sys.argv[1:]
if not args or args[0].startswith("--"):
    sys.exit("usage: check-vsix.py PACKAGE.vsix [--source FILE ...]")
path = args[0]
sources = [args[i + 1] for i, a in enumerate(args) if a == "--source" and i + 1 < len(args)]
if "--source" not in args:
    repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    sources = [os.path.join(repo, "vss-extension.json")]
    sources += sorted(glob.glob(os.path.join(repo, "configs", "*.json")))
    sources += sorted(glob.glob(os.path.join(repo, "task", "*", "task.json")))
for source in sources:
    with open(source, encoding="utf-8-sig") as f:
        strict_json(f.read(), os.path.relpath(source))

with zipfile.ZipFile(path) as z:
    names = set(z.namelist())
    manifest = strict_json(z.read("extension.vsomanifest").decode("utf-8-sig"), "extension.vsomanifest")
    task_jsons = {n: strict_json(z.read(n).decode("utf-8-sig"), n) for n in names if n.endswith("/task.json")}
    xml = z.read("extension.vsixmanifest").decode("utf-8-sig") if "extension.vsixmanifest" in names else ""
    identity = re.search(r'<Identity\b[^>]*\bId="([^"]+)"', xml)
    for n in names:
        if n.endswith(".json") and not n.endswith("/task.json"):
            strict_json(z.read(n).decode("utf-8-sig"), n)
extension_id = identity.group(1) if identity else ""
# The dev and localhost variants carry their own task (.ci/package.js): its own name, never the release task's id.
TASK_NAMES = {"dev": "ServiceConnectionExpiryDev", "localhost": "ServiceConnectionExpiryLocalhost"}
variant = next((v for v in TASK_NAMES if extension_id.endswith(f"-{v}")), None)
expected_task_name = TASK_NAMES.get(variant, "ServiceConnectionExpiry")
release_task_ids = set()
for source in sources:
    if source.endswith("task.json"):
        with open(source, encoding="utf-8-sig") as f:
            release_task_ids.add(str(json.load(f).get("id", "")).lower())
# Each hub and the group it sits in: Project Settings and Organization Settings.
HUB_GROUPS = {
    "ms.vss-web.project-admin-hub-group": "Project Settings hub",
    "ms.vss-web.collection-admin-hub-group": "Organization Settings hub",
}
# Exactly the scopes README justifies: read connections, run Azure DevOps's own connection check, list the
# organization's projects (organization hub). A new scope makes every organization re-authorize the extension.
EXPECTED_SCOPES = {"vso.serviceendpoint", "vso.serviceendpoint_query", "vso.project"}
hub_uris = []
for group, label in HUB_GROUPS.items():
    hubs = [
        c
        for c in manifest.get("contributions", [])
        if c.get("type") == "ms.vss-web.hub" and group in c.get("targets", [])
    ]
    if not hubs:
        problems.append(f"no ms.vss-web.hub contribution targeting {group} ({label})")
    for hub in hubs:
        uri = hub.get("properties", {}).get("uri", "")
        if uri not in names:
            problems.append(f"{label} uri {uri!r} is not in the package")
        else:
            hub_uris.append(uri)

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
tasks = [
    c
    for c in manifest.get("contributions", [])
    if c.get("type") == "ms.vss-distributed-task.task" and "ms.vss-distributed-task.tasks" in c.get("targets", [])
]
if not tasks:
    problems.append("no ms.vss-distributed-task.task contribution targeting ms.vss-distributed-task.tasks")
task_files = 0
for task in tasks:
    folder = task.get("properties", {}).get("name", "").strip("/")
    spec = task_jsons.get(f"{folder}/task.json")
    if not folder or spec is None:
        problems.append(f"task contribution {task.get('id')!r}: {folder}/task.json is not in the package")
        continue
    task_files = sum(1 for n in names if n.startswith(folder + "/") and not n.endswith("/"))
    version = spec.get("version", {})
    execution = spec.get("execution", {})
    if not GUID.match(str(spec.get("id", ""))):
        problems.append(f"{folder}/task.json: id {spec.get('id')!r} is not a GUID")
    if spec.get("name") != expected_task_name:
        problems.append(f"{folder}/task.json: name {spec.get('name')!r} is not {expected_task_name}")
    if variant and str(spec.get("id", "")).lower() in release_task_ids:
        problems.append(f"{folder}/task.json: the {variant} variant reuses the release task's id {spec.get('id')!r}")
    if version.get("Major") != 1:
        problems.append(f"{folder}/task.json: version {version} is not 1.x")
    if not 0 < len(spec.get("friendlyName", "")) <= 40:
        problems.append(f"{folder}/task.json: friendlyName must have 1 to 40 characters")
    if not spec.get("instanceNameFormat"):
        problems.append(f"{folder}/task.json: no instanceNameFormat")
    for handler in ("Node20_1", "Node24"):
        if handler not in execution:
            problems.append(f"{folder}/task.json: no {handler} execution handler")
    for handler, entry in execution.items():
        target = str(entry.get("target", "")).replace("$(currentDirectory)", "").lstrip("/\\")
        if f"{folder}/{target}" not in names:
            problems.append(f"{folder}/task.json: execution.{handler}.target {target!r} is not in the package")
    inputs = {i.get("name"): i for i in spec.get("inputs", [])}
    if inputs.get("azureSubscription", {}).get("type") != "connectedService:AzureRM":
        problems.append(f"{folder}/task.json: input azureSubscription is not connectedService:AzureRM")
# The warning surfaces (issue 10): type, target and properties as the host expects them, page and scripts packaged.
SURFACES = {
    "pipeline-pills": ("ms.vss-web.pill-provider", "ms.vss-build-web.build-definition-detail-view-header-pills", ["serviceName"]),
    "run-section": ("ms.vss-build-web.build-results-section", "ms.vss-build-web.build-results-summary-tab", ["name", "order", "height"]),
    "widget": ("ms.vss-dashboards-web.widget", "ms.vss-dashboards-web.widget-catalog", ["name", "catalogIconUrl", "supportedSizes"]),
    "widget-configuration": ("ms.vss-dashboards-web.widget-configuration", "ms.vss-dashboards-web.widget-configuration", ["name"]),
}
by_id = {c.get("id"): c for c in manifest.get("contributions", [])}
for cid, (ctype, target, props) in SURFACES.items():
    c = by_id.get(cid)
    if not c:
        problems.append(f"no {cid!r} contribution")
        continue
    if c.get("type") != ctype or target not in c.get("targets", []):
        problems.append(f"{cid!r} must be a {ctype} targeting {target}")
    properties = c.get("properties", {})
    for prop in props:
        if prop not in properties:
            problems.append(f"{cid!r} lacks property {prop!r}")
    uri = properties.get("uri", "")
    if uri not in names:
        problems.append(f"{cid!r} uri {uri!r} is not in the package")
        continue
    with zipfile.ZipFile(path) as z:
        html = z.read(uri).decode("utf-8")
    folder = uri.rsplit("/", 1)[0]
    scripts = re.findall(r'src="?([^" >]+\.js)', html)
    if not scripts:
        problems.append(f"{uri!r} loads no script")
    for script in scripts:
        if f"{folder}/{script}" not in names:
            problems.append(f"{uri!r} loads {script!r}, which is not in the package")
widget = by_id.get("widget", {})
wprops = widget.get("properties", {})
if wprops.get("supportedScopes") != ["project_team"]:
    problems.append("widget supportedScopes must be ['project_team']")
sizes = sorted((s.get("rowSpan"), s.get("columnSpan")) for s in wprops.get("supportedSizes", []))
if sizes != [(1, 2), (2, 2)]:
    problems.append(f"widget sizes must be 2x1 and 2x2, not {sizes}")
if ".widget-configuration" not in widget.get("targets", []):
    problems.append("widget must target its configuration contribution (.widget-configuration)")
if wprops.get("catalogIconUrl") and wprops["catalogIconUrl"] not in names:
    problems.append(f"widget catalogIconUrl {wprops['catalogIconUrl']!r} is not in the package")
scopes = set(manifest.get("scopes", []))
if scopes != EXPECTED_SCOPES:
    problems.append(f"scopes {sorted(scopes)} differ from the justified {sorted(EXPECTED_SCOPES)}")
if problems:
    print(f"check-vsix: {path}: " + "; ".join(problems))
    sys.exit(1)
print(
    f"check-vsix: {path}: hub contributions and {', '.join(hub_uris)} present; "
    f"task {tasks[0]['properties']['name']} ({task_files} files, handlers and targets present); "
    f"surfaces {', '.join(SURFACES)} present with their pages and scripts; scopes {sorted(scopes)}"
)
