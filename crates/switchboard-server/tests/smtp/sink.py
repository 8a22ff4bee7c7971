"""A real SMTP server for the server's tests (tests/tcp.rs): aiosmtpd on 127.0.0.1, on a port the system
picks. Prints `listening on 127.0.0.1:PORT` once it accepts connections, then one JSON line per message it
receives: the envelope (mail_from, rcpt_tos) and the message as a mail client reads it (subject, from, to
and the decoded text body). Stops when its standard input closes, so it never outlives the test."""

import asyncio
import email
import email.policy
import json
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        print(
            json.dumps(
                {
                    "mail_from": envelope.mail_from,
                    "rcpt_tos": envelope.rcpt_tos,
                    "subject": str(message["subject"]),
                    "from": str(message["from"]),
                    "to": str(message["to"]),
                    "body": message.get_content(),
                }
            ),
            flush=True,
        )
        return "250 OK"


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Sink(), hostname="localhost"), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"listening on 127.0.0.1:{port}", flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
