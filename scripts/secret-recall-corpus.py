#!/usr/bin/env python3
"""Writes the secret detector's recall corpus: real-format but fake credentials planted where
people leave them, one image layer folder.

Usage: scripts/secret-recall-corpus.py OUTDIR [--seed N]

OUTDIR/rootfs/...      the planted files (an image layer)
OUTDIR/expected.json   [{"path", "line", "kind", "rule"}]: every planted credential; `rule` is
                       spoolscan's rule id, `kind` a short description

Values are random for each run (or each seed) and never valid: GitHub tokens carry the CRC32
checksum GitHub documents, so they pass format checks, but no issuer ever minted them.
"""
import base64, json, os, random, string, sys, zlib

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def rnd(alphabet, n):
    return "".join(random.choice(alphabet) for _ in range(n))


def base62(number, width):
    out = ""
    while number:
        number, digit = divmod(number, 62)
        out = B62[digit] + out
    return out.rjust(width, "0")


def github(prefix):
    """A GitHub token: prefix, 30 random base62 characters, their CRC32 in 6 base62 digits."""
    body = rnd(string.ascii_letters + string.digits, 30)
    return prefix + body + base62(zlib.crc32(body.encode()), 6)


def aws_key_id():
    return "AKIA" + rnd("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)


def aws_secret():
    return rnd(string.ascii_letters + string.digits + "+/", 40)


def der_len(n):
    if n < 128:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def pem_key(kind="RSA PRIVATE KEY", newline="\n", bits=2048):
    """A PEM block shaped like a real key: a DER SEQUENCE of random INTEGERs of a real key's size."""
    def integer(nbytes):
        value = bytes([random.randint(1, 0x7F)]) + os.urandom(nbytes - 1)
        return b"\x02" + der_len(len(value)) + value
    n = bits // 8
    fields = b"\x02\x01\x00" + integer(n) + b"\x02\x03\x01\x00\x01" + integer(n) + integer(n // 2) * 5
    der = b"\x30" + der_len(len(fields)) + fields
    body = base64.b64encode(der).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return newline.join([f"-----BEGIN {kind}-----"] + lines + [f"-----END {kind}-----"])


def main():
    out = sys.argv[1]
    if "--seed" in sys.argv:
        random.seed(int(sys.argv[sys.argv.index("--seed") + 1]))
    root = os.path.join(out, "rootfs")
    expected = []

    def plant(path, text, marks):
        """Writes `text`; `marks` is [(needle, rule, kind)]: the line holding needle is expected."""
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", newline="") as f:
            f.write(text)
        for needle, rule, kind in marks:
            before = text[:text.index(needle)]
            expected.append({"path": path, "line": before.count("\n") + 1, "rule": rule, "kind": kind})

    ghp, gho, ghu, ghs, ghr = github("ghp_"), github("gho_"), github("ghu_"), github("ghs_"), github("ghr_")
    fine = "github_pat_" + rnd(string.ascii_letters + string.digits, 22) + "_" + rnd(string.ascii_letters + string.digits, 59)
    key_id, secret = aws_key_id(), aws_secret()
    slack = "xoxb-" + rnd(string.digits, 12) + "-" + rnd(string.digits, 13) + "-" + rnd(string.ascii_letters + string.digits, 24)
    stripe = "sk_live_" + rnd(string.ascii_letters + string.digits, 24)
    npm = "npm_" + rnd(string.ascii_letters + string.digits, 36)
    pypi = "pypi-AgEIcHlwaS5vcmc" + rnd(string.ascii_letters + string.digits + "_-", 120)
    db_password = rnd(string.ascii_uppercase, 3) + rnd(string.digits, 3) + rnd(string.ascii_lowercase, 3) + "!" \
        + rnd(string.ascii_letters + string.digits, 9)
    gitlab = "glpat-" + rnd(string.ascii_letters + string.digits, 20)
    registry_auth = base64.b64encode(f"deploy:{rnd(string.ascii_letters + string.digits, 20)}".encode()).decode()

    plant("app/.env", f"DEBUG=false\nAWS_ACCESS_KEY_ID={key_id}\nAWS_SECRET_ACCESS_KEY={secret}\nGITHUB_TOKEN={ghp}\n",
          [(key_id, "aws-access-key-id", ".env AWS key id"), (secret, "aws-secret-access-key", ".env AWS secret"),
           (ghp, "github-pat", ".env ghp_")])
    plant("app/config/settings.yaml", f"database:\n  host: db.internal\n  password: \"{db_password}\"\nslack:\n  token: {slack}\n",
          [(db_password, "generic-password", "YAML password"), (slack, "slack-token", "YAML Slack token")])
    plant("app/config/services.json", json.dumps({"stripe": {"secret_key": stripe}, "github": {"oauth": gho}}, indent=2) + "\n",
          [(stripe, "stripe-secret-key", "JSON Stripe key"), (gho, "github-oauth", "JSON gho_")])
    plant("app/src/settings.py", f'import os\n\nDATABASE_URL = "postgresql://app:{db_password}@db:5432/app"\nGITHUB_APP_TOKEN = "{ghs}"\n',
          [(db_password, "postgres-connection-string", "Python DB URL"), (ghs, "github-app-token", "Python ghs_")])
    plant("app/src/client.js", f"const client = new Client({{\n  userToken: '{ghu}',\n  refresh: '{ghr}',\n}});\n",
          [(ghu, "github-app-token", "JS ghu_"), (ghr, "github-refresh-token", "JS ghr_")])
    plant("app/cmd/main.go", f'package main\n\nconst gitlabToken = "{gitlab}"\nvar fineGrained = "{fine}"\n',
          [(gitlab, "gitlab-pat", "Go glpat-"), (fine, "github-fine-grained-pat", "Go github_pat_")])
    plant("root/.bash_history", f"ls\nexport GH_TOKEN={ghp}\nmysql -u root -p{db_password}\n"
          f"curl -u deploy:{db_password} https://registry.internal/v2/\n",
          [(ghp, "github-pat", "shell history export")])
    plant("root/.docker/config.json", json.dumps({"auths": {"registry.internal": {"auth": registry_auth}}}, indent=2) + "\n",
          [(registry_auth, "docker-config-auth", "~/.docker/config.json auth")])
    plant("home/app/.npmrc", f"registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken={npm}\n",
          [(npm, "npm-access-token", ".npmrc token")])
    plant("home/app/.pypirc", f"[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = {pypi}\n",
          [(pypi, "pypi-upload-token", ".pypirc token")])
    client_key = base64.b64encode(pem_key().encode()).decode()
    plant("root/.kube/config", "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n"
          f"    client-certificate-data: {base64.b64encode(b'cert').decode()}\n    client-key-data: {client_key}\n",
          [(client_key, "kubeconfig-client-key", "kubeconfig client key")])
    plant("infra/terraform.tfstate", json.dumps({"version": 4, "resources": [{"type": "aws_iam_access_key", "instances": [
        {"attributes": {"id": key_id, "secret": secret}}]}]}, indent=2) + "\n",
          [(key_id, "aws-access-key-id", "Terraform state key id"), (secret, "generic-secret", "Terraform state secret")])
    plant(".github/workflows/deploy.yml", f"jobs:\n  deploy:\n    env:\n      NPM_TOKEN: {npm}\n"
          f"      GITHUB_TOKEN: {gho}\n", [(npm, "npm-access-token", "CI YAML npm token"), (gho, "github-oauth", "CI YAML gho_")])
    plant("app/.git/config", f'[remote "origin"]\n\turl = https://deploy:{ghp}@github.com/acme/app.git\n',
          [(ghp, "github-pat", "git remote URL")])
    dockerconfig = base64.b64encode(json.dumps({"auths": {"registry.internal": {"auth": registry_auth}}}).encode()).decode()
    dockercfg = base64.b64encode(json.dumps({"registry.internal": {"auth": registry_auth}}).encode()).decode()
    plant("deploy/k8s/pull-secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n"
          f"type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {dockerconfig}\n",
          [(dockerconfig, "dockerconfig-secret", "k8s .dockerconfigjson")])
    plant("deploy/k8s/legacy-secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: legacy\n"
          f"type: kubernetes.io/dockercfg\ndata:\n  .dockercfg: {dockercfg}\n",
          [(dockercfg, "dockerconfig-secret", "k8s .dockercfg")])
    crlf = pem_key(newline="\r\n")
    plant("etc/app/tls/server.key", crlf + "\r\n", [("-----BEGIN", "private-key", "PEM with CRLF")])
    in_json = pem_key(kind="PRIVATE KEY")
    plant("app/config/service-account.json", json.dumps({"client_email": "svc@app.internal", "private_key": in_json + "\n"}, indent=2) + "\n",
          [("-----BEGIN", "private-key", "PEM inside a JSON string")])
    in_yaml = pem_key(kind="EC PRIVATE KEY", bits=256)
    plant("app/config/tls.yaml", "tls:\n  key: |\n" + "".join("    " + line + "\n" for line in in_yaml.split("\n")),
          [("-----BEGIN", "private-key", "PEM inside a YAML block")])
    escaped = pem_key().replace("\n", "\\n")
    plant("app/config/inline.yaml", f'tls:\n  key: "{escaped}"\n', [("-----BEGIN", "private-key", "PEM inside a YAML string")])

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(f"{len(expected)} planted credentials in {root}")


if __name__ == "__main__":
    main()
