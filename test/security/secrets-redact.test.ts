import { generateKeyPairSync } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  isSecretName,
  looksLikeToken,
  registerEnvSecrets,
  registerFileSecrets,
} from "../../cli/smallcode/safety/secrets.ts";
import { base64Cores, REDACTED, redactString, registerSecret } from "../../runtime/redact.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";

/**
 * The shapes a secret takes in a model's reply or a tool's output, one by one: what the end-to-end
 * test (secrets-output) relies on, and what must stay readable.
 */

afterAll(cleanup);

const { privateKey } = generateKeyPairSync("ed25519", {
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const { privateKey: rsa } = generateKeyPairSync("rsa", {
  modulusLength: 1024,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const RSA = rsa.trim().split("\n");

describe("private keys", () => {
  it("redacts a whole key, its head, its tail and a line of its body", () => {
    expect(redactString(`key:\n${privateKey}done`)).toBe(`key:\n${REDACTED}\ndone`);
    const head = RSA.slice(0, 4).join("\n");
    expect(redactString(`$ head -4 id_rsa\n${head}\n$ echo ok`)).toBe(
      `$ head -4 id_rsa\n${REDACTED}\n$ echo ok`,
    );
    const tail = RSA.slice(-3).join("\n");
    expect(redactString(`$ tail -3 id_rsa\n${tail}\n$ echo ok`)).toBe(
      `$ tail -3 id_rsa\n${REDACTED}\n$ echo ok`,
    );
    const middle = redactString(`line 9: ${RSA[8]} (64 chars)`);
    expect(middle).toBe(`line 9: ${REDACTED} (64 chars)`);
  });

  it("redacts a PGP private key block", () => {
    const pgp =
      "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF0abcDEF123\n=a1B2\n-----END PGP PRIVATE KEY BLOCK-----";
    expect(redactString(`x\n${pgp}\ny`)).toBe(`x\n${REDACTED}\ny`);
    expect(redactString(pgp.slice(0, 60))).toBe(REDACTED);
  });

  it("redacts a key written with \\n escapes (a JSON string, a .env value)", () => {
    const escaped = JSON.stringify({ key: rsa.slice(0, 200) });
    expect(redactString(escaped)).toBe(`{"key":"${REDACTED}"}`);
  });

  it("leaves hex digests and ordinary long words alone", () => {
    const text = `commit 3f786850e387550fdab836ed7e6dc881de23001b sha256 ${"ab12".repeat(16)}`;
    expect(redactString(text)).toBe(text);
  });
});

describe("credentials in URLs and JSON", () => {
  it("redacts the password of a URL and a token used as the user", () => {
    expect(redactString("DATABASE_URL=postgres://app:Pg-pass-9911@db:5432/app")).toBe(
      `DATABASE_URL=postgres://app:${REDACTED}@db:5432/app`,
    );
    expect(redactString("git clone https://x-access-token:ghs_abcDEF1234567890@github.com/o/r")).toContain(
      `https://x-access-token:${REDACTED}@github.com/o/r`,
    );
    expect(redactString("https://abcdefghijklmnopqrstuvwx12@example.com/")).toBe(
      `https://${REDACTED}@example.com/`,
    );
    expect(redactString("see https://user@example.com/a and http://localhost:11434/v1")).toBe(
      "see https://user@example.com/a and http://localhost:11434/v1",
    );
  });

  it('redacts "api_key", "password", "client_secret" values in JSON, spaces and escapes included', () => {
    expect(redactString('{"api_key": "two words 1", "password":"p\\"q r", "client_secret": "x y"}')).toBe(
      `{"api_key": "${REDACTED}", "password":"${REDACTED}", "client_secret": "${REDACTED}"}`,
    );
    const plain = '{"prompt_tokens": 5, "name": "demo", "keyboard": "us"}';
    expect(redactString(plain)).toBe(plain);
  });
});

describe("registered secrets", () => {
  it("redacts a registered value base64-encoded at any offset, also wrapped at 76 columns", () => {
    const secret = "value-of-Unknown-Provider-42";
    registerSecret(secret);
    for (const before of ["", "a", "ab", "SOME_NAME=", `${"x".repeat(70)}NAME=`]) {
      const encoded = Buffer.from(`${before}${secret}\nMORE=1\n`).toString("base64");
      const wrapped = encoded.replace(/.{76}/g, "$&\n");
      for (const text of [encoded, wrapped]) {
        const out = redactString(text);
        expect(out).toContain(REDACTED);
        // what is left decodes to nothing that holds the secret
        for (const part of out.split(REDACTED)) {
          expect(Buffer.from(part.replace(/\n/g, ""), "base64").toString("latin1")).not.toContain(
            secret.slice(4, 20),
          );
        }
      }
    }
    expect(base64Cores("short")).toEqual([]);
  });

  it("registers .env values whatever their name, but not ordinary settings", async () => {
    const cwd = tempDir({
      ".env": [
        "STRIPE=rk_live_51Hx9pQ2abc",
        "SIGNUP_WEBHOOK=whsec_7Fq2LmZp90",
        "NODE_ENV=production",
        "PORT=3000",
        "APP_NAME=demo-application",
        "HOST=db.internal:5432",
        "VERSION=1.4.2-beta.3",
        "DATA_DIR=/var/lib/app2",
        "SMALLCODE_MODEL=qwen2.5-coder:7b",
        "",
      ].join("\n"),
      "apps/web/.env.local": "NEXT_PUBLIC_MAPS=mk-9f8e7d6c5b4a\n",
      "apps/web/.env.example": "NEXT_PUBLIC_MAPS=ex-1a2b3c4d5e6f\n",
      "node_modules/pkg/.env": "VENDORED=vd-1a2b3c4d5e6f\n",
    });
    await registerFileSecrets(cwd);
    expect(redactString("rk_live_51Hx9pQ2abc whsec_7Fq2LmZp90")).toBe(`${REDACTED} ${REDACTED}`);
    expect(redactString("mk-9f8e7d6c5b4a")).toBe(REDACTED); // a .env a few folders down
    expect(redactString("ex-1a2b3c4d5e6f vd-1a2b3c4d5e6f")).toBe("ex-1a2b3c4d5e6f vd-1a2b3c4d5e6f");
    const ordinary =
      "production 3000 demo-application db.internal:5432 1.4.2-beta.3 /var/lib/app2 qwen2.5-coder:7b";
    expect(redactString(ordinary)).toBe(ordinary);
  });

  it("registers user variables whose names look secret, not paths or ordinary ones", () => {
    registerEnvSecrets({
      STRIPE_KEY: "sv-Stripe-key-77",
      DEPLOY_AUTH: "auth-Value-998877",
      DB_PASS: "plain-pass-word",
      SSH_AUTH_SOCK: "/run/user/0/ssh-agent.sock",
      PWD: "/work/some-project-9",
      EDITOR: "vim-9000-editor",
    });
    expect(redactString("sv-Stripe-key-77 auth-Value-998877 plain-pass-word")).toBe(
      `${REDACTED} ${REDACTED} ${REDACTED}`,
    );
    expect(redactString("/run/user/0/ssh-agent.sock /work/some-project-9 vim-9000-editor")).toBe(
      "/run/user/0/ssh-agent.sock /work/some-project-9 vim-9000-editor",
    );
    expect(["API_TOKEN", "GH_CREDS", "MY_SECRET_THING", "XAUTH_KEY"].every(isSecretName)).toBe(true);
    expect(["PWD", "OLDPWD", "KEYBOARD_LAYOUT", "MONKEY", "PATH"].some(isSecretName)).toBe(false);
    expect(["SMALLCODE_API_KEY_ENV", "SSH_KEY_PATH", "TOKEN_FILE"].some(isSecretName)).toBe(false);
    expect(looksLikeToken("Zm9vYmFyYmF6cXV4cXV1eA")).toBe(true);
    expect(looksLikeToken("development")).toBe(false);
  });
});
