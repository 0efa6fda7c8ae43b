import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** Files of the local control plane's PKI, made with openssl. */
export interface Pki {
    caCert: string;
    caKey: string;
    /** The API server's serving certificate (127.0.0.1, localhost). */
    serverCert: string;
    serverKey: string;
    /** A client certificate in group system:masters, for the controllers, the scheduler and kwok. */
    adminCert: string;
    adminKey: string;
    /** Key pair that signs and verifies service account tokens. */
    serviceAccountKey: string;
    serviceAccountPub: string;
}

function openssl(dir: string, args: string[]): void {
    execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

function signed(dir: string, name: string, subject: string, extensions: string): void {
    openssl(dir, ["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject]);
    writeFileSync(join(dir, `${name}.ext`), extensions);
    openssl(dir, ["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-sha256", "-extfile", `${name}.ext`, "-out", `${name}.crt`]);
}

export function makePki(dir: string): Pki {
    openssl(dir, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=webstack-engine-ca"]);
    signed(dir, "apiserver", "/CN=kube-apiserver", [
        "basicConstraints=CA:FALSE",
        "keyUsage=digitalSignature,keyEncipherment",
        "extendedKeyUsage=serverAuth",
        "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc",
    ].join("\n"));
    signed(dir, "admin", "/O=system:masters/CN=webstack-admin", [
        "basicConstraints=CA:FALSE",
        "keyUsage=digitalSignature,keyEncipherment",
        "extendedKeyUsage=clientAuth",
    ].join("\n"));
    openssl(dir, ["genrsa", "-out", "sa.key", "2048"]);
    openssl(dir, ["rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub"]);
    const at = (file: string) => join(dir, file);
    return {
        caCert: at("ca.crt"),
        caKey: at("ca.key"),
        serverCert: at("apiserver.crt"),
        serverKey: at("apiserver.key"),
        adminCert: at("admin.crt"),
        adminKey: at("admin.key"),
        serviceAccountKey: at("sa.key"),
        serviceAccountPub: at("sa.pub"),
    };
}
