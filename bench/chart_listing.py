#!/usr/bin/env python3
"""Chart listing of CHARTS charts x VERSIONS versions through the hub, against
a `skopeo list-tags` loop over the same repositories, in the same run (see
bench/README.md).

    bench/chart_listing.py [build-dir]          (default: build; runs <build-dir>/reghub)

Seeds a docker-registry with token auth (a token service in this process):
for each chart, the config and content blobs (mounted from the first chart's
repository) and one manifest per version. Then times, REPEAT times each:
  hub           GET /api/v1/registries/{id}/charts (every chart's versions)
  hub+metadata  the same with ?metadata=true (manifest and config of the 10
                newest versions of each chart; printed, not part of the target)
  skopeo loop   skopeo list-tags for each repository, one after the other
Target: skopeo loop / hub >= 5.
"""

import concurrent.futures
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import oci_fixture as fx  # noqa: E402

CHARTS = int(os.environ.get("CHARTS", "200"))
VERSIONS = int(os.environ.get("VERSIONS", "20"))
REPEAT = int(os.environ.get("REPEAT", "5"))
SEED_THREADS = int(os.environ.get("SEED_THREADS", "8"))
USER, PASSWORD = "bench", "bench-Registry-Pass-1"


def main():
    build_dir = sys.argv[1] if len(sys.argv) > 1 else "build"
    binary = os.path.abspath(os.path.join(build_dir, "reghub"))
    for tool in (binary, "/usr/bin/docker-registry", "/usr/bin/skopeo"):
        if not os.access(tool, os.X_OK):
            sys.exit("chart_listing.py: %s is missing" % tool)
    ws = fx.Workspace()
    try:
        tokens = ws.add(fx.TokenServer({USER: PASSWORD}))
        registry = ws.add(fx.DockerRegistry(ws.dir, "token", token_server=tokens))
        repositories = ["charts/chart-%03d" % i for i in range(CHARTS)]
        versions = ["1.%d.0" % v for v in range(VERSIONS - 1)] + ["2.0.0+build.1"]
        start = time.perf_counter()
        fx.helm_chart(fx.Seeder(registry, USER, PASSWORD), repositories[0], "chart-000", versions)

        def seed(part):
            seeder = fx.Seeder(registry, USER, PASSWORD)
            for repository in part:
                fx.helm_chart(seeder, repository, repository.split("/")[-1], versions,
                              mount_from=repositories[0])

        with concurrent.futures.ThreadPoolExecutor(SEED_THREADS) as pool:
            list(pool.map(seed, [repositories[1 + i::SEED_THREADS] for i in range(SEED_THREADS)]))
        print("seeded %d charts x %d versions in %.1f s" % (CHARTS, VERSIONS, time.perf_counter() - start))

        hub = ws.add(fx.Hub(binary, ws.dir))
        created = hub.api("POST", "/api/v1/registries", {
            "url": registry.host_port, "provider": "generic", "access": "private",
            "credentials": {"kind": "basic", "username": USER, "password": PASSWORD},
            "tls": {"mode": "plain-http"},
            "usage": {"chart_repository": True, "chart_repositories": repositories}})
        path = "/api/v1/registries/%s/charts" % created["id"]
        listing = hub.api("GET", path)["charts"]
        errors = [c for c in listing if c.get("error") or len(c["versions"]) != VERSIONS]
        if len(listing) != CHARTS or errors:
            raise RuntimeError("unexpected listing: %d charts, e.g. %s" % (len(listing), errors[:1]))

        def skopeo_loop():
            for repository in repositories:
                subprocess.run(["skopeo", "list-tags", "--tls-verify=false", "--creds",
                                "%s:%s" % (USER, PASSWORD),
                                "docker://%s/%s" % (registry.host_port, repository)],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        figures = {
            "hub": fx.timed(lambda: hub.api("GET", path), REPEAT),
            "hub+metadata": fx.timed(lambda: hub.api("GET", path + "?metadata=true"), max(1, REPEAT // 2)),
            "skopeo loop": fx.timed(skopeo_loop, max(1, REPEAT // 2)),
        }
        print("chart listing, %d charts x %d versions (median / best, s)" % (CHARTS, VERSIONS))
        for name, (median, best) in figures.items():
            print("  %-13s %7.3f / %7.3f" % (name, median, best))
        ratio = figures["skopeo loop"][0] / figures["hub"][0]
        print("target: skopeo loop / hub >= 5: %.1f  %s" % (ratio, "met" if ratio >= 5 else "MISSED"))
        print("  (hub+metadata reads %d manifests and configs: skopeo loop / hub+metadata = %.1f)"
              % (CHARTS * min(10, VERSIONS), figures["skopeo loop"][0] / figures["hub+metadata"][0]))
    finally:
        ws.close()


if __name__ == "__main__":
    main()
