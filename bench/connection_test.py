#!/usr/bin/env python3
"""Connection test of a saved registry through the hub, against references
measured in the same run (see bench/README.md).

    bench/connection_test.py [build-dir]        (default: build; runs <build-dir>/reghub)

For each auth mode (token: docker-registry with a token service; htpasswd:
Basic) it times, REPEAT times each, median and best:
  hub     curl -X POST <hub>/api/v1/registries/{id}/test (one process per test:
          the hub runs dns, tcp, ping, credentials, auth_ping, repository:bench/app)
  curl    the same registry requests made by curl processes: GET /v2/ (the
          challenge), the credential exchange (token without scope / Basic),
          GET /v2/ authenticated, and for the repository (token with its pull
          scope) GET /v2/bench/app/tags/list
  skopeo  skopeo inspect --raw of bench/app:v1, and skopeo list-tags of bench/app
Target: hub / curl <= 1.5.
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import oci_fixture as fx  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", "30"))
USER, PASSWORD = "bench", "bench-Registry-Pass-1"


def run(args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def curl(*args):
    return subprocess.run(["curl", "-s", *args], check=True, capture_output=True, text=True).stdout


def curl_sequence(host_port, mode, realm, service):
    """The connection test's registry requests, one curl process each."""
    base = "http://%s" % host_port
    headers = curl("-D", "-", "-o", "/dev/null", base + "/v2/")
    if " 401" not in headers.splitlines()[0]:
        raise RuntimeError("expected a challenge: " + headers)
    if mode == "token":
        body = curl("-u", "%s:%s" % (USER, PASSWORD), "%s?service=%s" % (realm, service))
        token = re.search(r'"token":\s*"([^"]+)"', body).group(1)
        status = curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer " + token,
                      base + "/v2/")
        body = curl("-u", "%s:%s" % (USER, PASSWORD),
                    "%s?service=%s&scope=repository:bench/app:pull" % (realm, service))
        token = re.search(r'"token":\s*"([^"]+)"', body).group(1)
        tags = curl("-H", "Authorization: Bearer " + token, base + "/v2/bench/app/tags/list")
    else:
        status = curl("-o", "/dev/null", "-w", "%{http_code}", "-u", "%s:%s" % (USER, PASSWORD),
                      base + "/v2/")
        tags = curl("-u", "%s:%s" % (USER, PASSWORD), base + "/v2/bench/app/tags/list")
    if status != "200" or '"v1"' not in tags:
        raise RuntimeError("curl reference failed: %s %s" % (status, tags))


def main():
    build_dir = sys.argv[1] if len(sys.argv) > 1 else "build"
    binary = os.path.abspath(os.path.join(build_dir, "reghub"))
    for tool in (binary, "/usr/bin/docker-registry", "/usr/bin/skopeo", "/usr/bin/curl"):
        if not os.access(tool, os.X_OK):
            sys.exit("connection_test.py: %s is missing" % tool)
    ws = fx.Workspace()
    try:
        tokens = ws.add(fx.TokenServer({USER: PASSWORD}))
        hub = ws.add(fx.Hub(binary, ws.dir))
        print("connection test of a saved registry, %d runs each (median / best, ms)" % REPEAT)
        results = {}
        for mode in ("token", "htpasswd"):
            registry = ws.add(fx.DockerRegistry(ws.dir, mode, token_server=tokens,
                                                htpasswd_users={USER: PASSWORD}))
            seeder = fx.Seeder(registry, USER, PASSWORD)
            fx.helm_chart(seeder, "bench/app", "app", ["v1"])
            created = hub.api("POST", "/api/v1/registries", {
                "url": registry.host_port, "provider": "generic", "access": "private",
                "credentials": {"kind": "basic", "username": USER, "password": PASSWORD},
                "tls": {"mode": "plain-http"},
                "usage": {"chart_repository": True, "chart_repositories": ["bench/app"]}})
            test_url = "%s/api/v1/registries/%s/test" % (hub.base, created["id"])
            report = hub.api("POST", "/api/v1/registries/%s/test" % created["id"], {})
            if not report["ok"]:
                raise RuntimeError("the hub's connection test failed: %s" % report)
            creds = "%s:%s" % (USER, PASSWORD)
            reference = "docker://%s/bench/app" % registry.host_port
            figures = {
                "hub": fx.timed(lambda: curl("-f", "-X", "POST", "-H", "Authorization: Bearer " + hub.token,
                                             "-H", "Content-Type: application/json", "-d", "{}",
                                             test_url), REPEAT),
                "curl": fx.timed(lambda: curl_sequence(registry.host_port, mode, tokens.realm,
                                                       tokens.service), REPEAT),
                "skopeo inspect": fx.timed(lambda: run(["skopeo", "inspect", "--raw", "--tls-verify=false",
                                                        "--creds", creds, reference + ":v1"]), REPEAT),
                "skopeo list-tags": fx.timed(lambda: run(["skopeo", "list-tags", "--tls-verify=false",
                                                          "--creds", creds, reference]), REPEAT),
            }
            results[mode] = figures
            steps = ", ".join("%s %dms" % (s["name"], s["duration_ms"]) for s in report["steps"])
            print("\n%s auth (the hub's own step times: %s)" % (mode, steps))
            hub_median = figures["hub"][0]
            for name, (median, best) in figures.items():
                ratio = "" if name == "hub" else "   hub/%s = %.2f" % (name, hub_median / median)
                print("  %-17s %7.1f / %7.1f%s" % (name, median * 1000, best * 1000, ratio))
        print("\ntarget: hub/curl <= 1.5")
        for mode, figures in results.items():
            ratio = figures["hub"][0] / figures["curl"][0]
            print("  %-8s hub/curl = %.2f  %s" % (mode, ratio, "met" if ratio <= 1.5 else "MISSED"))
    finally:
        ws.close()


if __name__ == "__main__":
    main()
