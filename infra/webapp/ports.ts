/** The port an HTTP app's Service listens on unless `servicePort` says otherwise, as `kubectl expose --port 80`. */
export const defaultHttpServicePort = 80;

/**
 * Whether a port name says the port speaks plain HTTP: `http`, or `http-<anything>` (the convention Istio and
 * Linkerd read, and what an operator guesses). `https` is not plain HTTP: a probe or an Ingress speaking HTTP
 * to it fails.
 */
export function isHttpPortName(name: string): boolean {
    return name === "http" || name.startsWith("http-");
}

/** The Service port of an app that names none: 80 for an HTTP port, else the container port itself. */
export function defaultServicePort(app: { port: number; portName: string }): number {
    return isHttpPortName(app.portName) ? defaultHttpServicePort : app.port;
}
