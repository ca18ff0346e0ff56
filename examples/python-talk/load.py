"""The talk's load test: N requests from C clients at once, then the talk's table for one URL.

    python3 load.py http://127.0.0.1:8080/ [--requests 90] [--clients 10]

Each client is a thread with its own keep-alive connection that sends its next request when the
previous answer has arrived (a closed loop, as the talk's tool did). Standard library only.
"""

import argparse
import http.client
import statistics
import threading
import time
import urllib.parse


def run(url, requests, clients):
    target = urllib.parse.urlsplit(url)
    left, lock, latencies, statuses = [requests], threading.Lock(), [], {}

    def client():
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=300)
        while True:
            with lock:
                if left[0] == 0:
                    return
                left[0] -= 1
            began = time.perf_counter()
            try:
                connection.request("GET", target.path or "/")
                answer = connection.getresponse()
                answer.read()
                outcome = answer.status
            except OSError as e:  # no answer at all: counted, and the next request reconnects
                connection.close()
                outcome = type(e).__name__
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[outcome] = statuses.get(outcome, 0) + 1

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses, time.perf_counter() - began


def main():
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("url")
    options.add_argument("--requests", type=int, default=90)
    options.add_argument("--clients", type=int, default=10)
    options = options.parse_args()
    latencies, statuses, seconds = run(options.url, options.requests, options.clients)
    print(f"{'Total Requests':>14} {'Median':>9} {'Avg.':>9} {'Std. Dev':>9} {'p90':>9} {'max':>9} {'req/s':>7}  statuses")
    print(
        f"{len(latencies):>14} {statistics.median(latencies):>9.0f} {statistics.mean(latencies):>9.0f}"
        f" {statistics.pstdev(latencies):>9.0f} {statistics.quantiles(latencies, n=10)[-1]:>9.0f}"
        f" {max(latencies):>9.0f} {len(latencies) / seconds:>7.1f}  {statuses}"
    )


if __name__ == "__main__":
    main()
