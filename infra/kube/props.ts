/**
 * The props that were set: `{ ...defaults, ...definedProps(props) }` lets an explicit `undefined` fall back to the
 * default instead of overriding it (as cdk8s-plus reads optional props).
 */
export function definedProps<T extends object>(props: T | undefined): T {
    return Object.fromEntries(Object.entries(props ?? {}).filter(([, value]) => value !== undefined)) as T;
}
