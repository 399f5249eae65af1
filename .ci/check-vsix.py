"""Fails unless the packaged .vsix holds the hub page and its Project Settings hub contribution."""
import json
import sys
import zipfile

path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    names = set(z.namelist())
    manifest = json.loads(z.read("extension.vsomanifest"))
hubs = [
    c
    for c in manifest.get("contributions", [])
    if c.get("type") == "ms.vss-web.hub" and "ms.vss-web.project-admin-hub-group" in c.get("targets", [])
]
problems = []
if not hubs:
    problems.append("no ms.vss-web.hub contribution targeting ms.vss-web.project-admin-hub-group")
for hub in hubs:
    uri = hub.get("properties", {}).get("uri", "")
    if uri not in names:
        problems.append(f"hub uri {uri!r} is not in the package")
scopes = set(manifest.get("scopes", []))
if scopes - {"vso.serviceendpoint", "vso.serviceendpoint_query"}:
    problems.append(f"unexpected scopes: {sorted(scopes)}")
if problems:
    print(f"check-vsix: {path}: " + "; ".join(problems))
    sys.exit(1)
print(f"check-vsix: {path}: hub contribution and {hubs[0]['properties']['uri']} present; scopes {sorted(scopes)}")
