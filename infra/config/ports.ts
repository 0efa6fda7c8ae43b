import { z } from "zod";

/**
 * A port name as Kubernetes takes it (an IANA service name): 1-15 lower-case letters, digits and single '-',
 * with at least one letter, not starting or ending with '-'.
 */
export const portName = z
    .string()
    .regex(/^(?=.{1,15}$)(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/, "must be a port name: 1-15 lower-case letters, digits and single '-', with at least one letter");

export const portNumber = z.int().min(1).max(65535);

/** The port an HTTP app's Service listens on unless `servicePort` says otherwise, as `kubectl expose --port 80`. */
export const defaultHttpServicePort = 80;

/** The Service port of an app: `servicePort`, else 80 for an HTTP port, else the container port itself. */
export function defaultServicePort(app: { port: number; portName: string }): number {
    return isHttpPortName(app.portName) ? defaultHttpServicePort : app.port;
}

/**
 * Whether a port name says the port speaks plain HTTP: `http`, or `http-<anything>` (the convention Istio and
 * Linkerd read, and what an operator guesses). `https` is not plain HTTP: a probe or an Ingress speaking HTTP
 * to it fails.
 */
export function isHttpPortName(name: string): boolean {
    return name === "http" || name.startsWith("http-");
}
