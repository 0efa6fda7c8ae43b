/**
 * Traefik's entry points and how an Ingress picks them. The controller listens on `web` (port 80) and
 * `websecure` (port 443, TLS). `web` answers every request with a redirect to HTTPS, except the ACME HTTP-01
 * challenges: cert-manager's solver Ingresses are the only routers on `web`, and the redirect router has the
 * lowest priority there, so a challenge path always wins over it. App Ingresses are routed on `websecure` only.
 */

/** Entry point names as the Traefik chart declares them (`ports.<name>`); the container ports carry the same names. */
export const entryPoints = { http: "web", https: "websecure" } as const;

/** Ingress annotation naming the entry points a Traefik router serves. */
export const routerEntryPointsAnnotation = "traefik.ingress.kubernetes.io/router.entrypoints";

/**
 * Priority of the generated HTTP→HTTPS redirect router on `web`. Traefik gives an Ingress router the length of its
 * rule as priority (always above 1), so any solver Ingress beats the redirect; Traefik's own default would be
 * MaxInt-1, which would redirect the challenges too.
 */
export const redirectPriority = 1;

/** Annotations of every app Ingress: served on HTTPS only (plain HTTP gets the redirect). */
export const appIngressAnnotations: Record<string, string> = { [routerEntryPointsAnnotation]: entryPoints.https };

/** Annotations of cert-manager's HTTP-01 solver Ingresses: served on plain HTTP, where Let's Encrypt asks. */
export const acmeSolverIngressAnnotations: Record<string, string> = { [routerEntryPointsAnnotation]: entryPoints.http };
