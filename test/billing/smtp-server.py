#!/usr/bin/env python3
"""A real SMTP server for the receipt-mail tests (Debian python3-aiosmtpd), on 127.0.0.1.

Usage: smtp-server.py <config.json>, the config: {"port", "dir", "certFile"?, "keyFile"?,
"implicitTls"?, "user"?, "password"?, "refuse"?: [addresses]}. With a certificate the server
offers STARTTLS (or speaks TLS from the first byte with "implicitTls"); with a user it offers
AUTH LOGIN/PLAIN, only over TLS, and accepts that user and password only. Addresses in "refuse"
are refused at RCPT (550). Each accepted message is written as <n>.eml and, parsed by Python's
email package, as <n>.json: envelope, TLS and login, headers, the plain-text body and the
attachments (base64). Runs until SIGTERM or SIGINT.
"""
import base64
import email
import email.policy
import json
import os
import signal
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def parsed(server, session, envelope):
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    body = message.get_body(preferencelist=('plain',))
    return {
        'mailFrom': envelope.mail_from,
        'rcptTos': list(envelope.rcpt_tos),
        'tls': server.transport.get_extra_info('ssl_object') is not None,  # after STARTTLS or from the first byte
        'login': session.auth_data.login.decode() if session.authenticated else None,
        'subject': message['subject'],
        'from': message['from'],
        'to': [str(a) for a in message['to'].addresses] if message['to'] else [],
        'text': body.get_content() if body is not None else None,
        'attachments': [{
            'filename': part.get_filename(),
            'contentType': part.get_content_type(),
            'base64': base64.b64encode(part.get_payload(decode=True)).decode(),
        } for part in message.iter_attachments()],
    }


class Handler:
    def __init__(self, directory, refuse):
        self.directory = directory
        self.refuse = set(refuse)
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return f'550 5.1.1 <{address}>: recipient address rejected: no such user'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(self.directory, str(self.count))
        with open(stem + '.eml', 'wb') as f:
            f.write(envelope.original_content)
        with open(stem + '.json.part', 'w') as f:
            json.dump(parsed(server, session, envelope), f)
        os.rename(stem + '.json.part', stem + '.json')  # readers never see half a file
        return '250 2.0.0 Message accepted for delivery'


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return check


def main():
    with open(sys.argv[1]) as f:
        config = json.load(f)
    options = {'hostname': '127.0.0.1', 'port': config['port'], 'ready_timeout': 10}
    if config.get('certFile'):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(config['certFile'], config['keyFile'])
        options['ssl_context' if config.get('implicitTls') else 'tls_context'] = context
    if config.get('user'):
        options['authenticator'] = authenticator(config['user'], config['password'])
        options['auth_require_tls'] = True
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})  # the server thread inherits the mask
    controller = Controller(Handler(config['dir'], config.get('refuse', [])), **options)
    controller.start()
    print('listening', flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == '__main__':
    main()
