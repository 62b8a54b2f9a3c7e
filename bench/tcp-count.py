#!/usr/bin/env python3
"""A TCP proxy on 127.0.0.1 that counts bytes: what a git host would see of each client.

Usage: tcp-count.py LISTEN_PORT TARGET_PORT COUNTS_FILE
Forwards every connection to 127.0.0.1:TARGET_PORT. COUNTS_FILE holds one JSON object,
rewritten after each connection closes: connections, bytes from clients (up), bytes to
clients (down). Truncate it to start a new count. Runs until it is killed.
"""
import asyncio, json, os, sys

listen_port, target_port, counts_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


def load():
    try:
        with open(counts_file) as f:
            text = f.read().strip()
        return json.loads(text) if text else {"connections": 0, "up": 0, "down": 0}
    except FileNotFoundError:
        return {"connections": 0, "up": 0, "down": 0}


async def pipe(reader, writer, counter, key):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            counter[key] += len(data)
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def handle(client_reader, client_writer):
    counter = {"up": 0, "down": 0}
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
    await asyncio.gather(pipe(client_reader, server_writer, counter, "up"),
                         pipe(server_reader, client_writer, counter, "down"))
    totals = load()
    totals["connections"] += 1
    totals["up"] += counter["up"]
    totals["down"] += counter["down"]
    tmp = counts_file + ".tmp"
    with open(tmp, "w") as f:
        json.dump(totals, f)
    os.replace(tmp, counts_file)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    async with server:
        await server.serve_forever()

asyncio.run(main())
