import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface NetworkArgs {
    /** EKS cluster name; subnets are tagged `kubernetes.io/cluster/<name>: shared` for load balancer discovery. */
    clusterName: string;
    /** The region, whose S3 service the private subnets reach through a gateway endpoint. */
    region: string;
    /** Availability zones, one public and one private subnet in each (2 to 6, checked with the config: cloudRules.ts). Default: the region's first three available zones. */
    zones?: string[];
    /** NAT gateways for the private subnets' egress: one in the first zone ("single") or one per zone ("perZone"). */
    natGateways: "single" | "perZone";
    /** Public subnets give instances launched there a public IP (needed only when nodes run in them). Default false. */
    publicIpOnLaunch?: boolean;
    /** Protect the VPC, subnets, gateways and NAT addresses from deletion (prod). */
    protect: boolean;
}

/** The VPC's address plan: private /19s (pods take VPC addresses with the VPC CNI) and small public /24s. */
export const vpcCidr = "10.0.0.0/16";
const privateCidr = (i: number) => `10.0.${i * 32}.0/19`;
const publicCidr = (i: number) => `10.0.${192 + i}.0/24`;
/** Zones used when none are configured. */
const defaultZoneCount = 3;

/**
 * A VPC for EKS: per zone a public subnet (load balancers, NAT) and a private subnet (nodes), an internet
 * gateway, NAT gateway(s) with Elastic IPs, route tables, and an S3 gateway endpoint on the private route tables
 * (ECR serves image layers from S3: without it every pull's layers go through the NAT, billed per GB). Subnets carry the role tags the AWS cloud
 * provider uses to place internet-facing (`elb`) and internal (`internal-elb`) load balancers.
 */
export class Network extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string>[];
    readonly privateSubnetIds: pulumi.Output<string>[];

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:cluster:EksNetwork", name, {}, opts);
        const zones = zoneNames(args.zones, this);
        const kept = { parent: this, protect: args.protect };
        const plain = { parent: this };
        const clusterTag = { [`kubernetes.io/cluster/${args.clusterName}`]: "shared" };
        const tags = (suffix: pulumi.Input<string>, extra: Record<string, string> = {}) => ({
            Name: pulumi.interpolate`${name}-${suffix}`,
            ...extra,
        });

        const vpc = new aws.ec2.Vpc(name, { cidrBlock: vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } }, kept);
        const gateway = new aws.ec2.InternetGateway(name, { vpcId: vpc.id, tags: { Name: name } }, kept);

        const subnet = (kind: "public" | "private", i: number) =>
            new aws.ec2.Subnet(
                `${name}-${kind}-${i}`,
                {
                    vpcId: vpc.id,
                    availabilityZone: zones[i],
                    cidrBlock: kind === "public" ? publicCidr(i) : privateCidr(i),
                    mapPublicIpOnLaunch: kind === "public" && (args.publicIpOnLaunch ?? false),
                    tags: tags(pulumi.interpolate`${kind}-${zones[i]}`, {
                        ...clusterTag,
                        [kind === "public" ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb"]: "1",
                    }),
                },
                kept,
            );
        const publicSubnets = zones.map((_, i) => subnet("public", i));
        const privateSubnets = zones.map((_, i) => subnet("private", i));

        const publicRoutes = new aws.ec2.RouteTable(
            `${name}-public`,
            { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }], tags: tags("public") },
            plain,
        );
        publicSubnets.forEach(
            (s, i) => new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: s.id, routeTableId: publicRoutes.id }, plain),
        );

        // A NAT gateway per zone keeps egress up when a zone fails; a single one is cheaper (dev).
        const natCount = args.natGateways === "perZone" ? zones.length : 1;
        const nats = publicSubnets.slice(0, natCount).map((s, i) => {
            const address = new aws.ec2.Eip(`${name}-nat-${i}`, { domain: "vpc", tags: tags(`nat-${i}`) }, kept);
            return new aws.ec2.NatGateway(
                `${name}-${i}`,
                { allocationId: address.allocationId, subnetId: s.id, tags: tags(`nat-${i}`) },
                { ...kept, dependsOn: [gateway] },
            );
        });
        const privateRoutes = privateSubnets.map((s, i) => {
            const routes = new aws.ec2.RouteTable(
                `${name}-private-${i}`,
                { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nats[i % nats.length].id }], tags: tags(`private-${i}`) },
                plain,
            );
            new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: s.id, routeTableId: routes.id }, plain);
            return routes;
        });
        new aws.ec2.VpcEndpoint(`${name}-s3`, {
            vpcId: vpc.id,
            serviceName: `com.amazonaws.${args.region}.s3`,
            vpcEndpointType: "Gateway",
            routeTableIds: privateRoutes.map((r) => r.id),
            tags: tags("s3"),
        }, plain);

        this.vpcId = vpc.id;
        this.publicSubnetIds = publicSubnets.map((s) => s.id);
        this.privateSubnetIds = privateSubnets.map((s) => s.id);
        this.registerOutputs({ vpcId: this.vpcId, publicSubnetIds: this.publicSubnetIds, privateSubnetIds: this.privateSubnetIds });
    }
}

/** The configured zones, or the first three available (non-local, no opt-in) zones of the provider's region. */
function zoneNames(configured: string[] | undefined, parent: pulumi.Resource): pulumi.Input<string>[] {
    if (configured) return configured;
    const available = aws.getAvailabilityZonesOutput(
        { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
        { parent },
    );
    const names = available.names.apply((all) => {
        if (all.length < defaultZoneCount) {
            throw new Error(`the region has ${all.length} availability zones (${all.join(", ")}); list two or more in cluster.zones`);
        }
        return all.slice(0, defaultZoneCount);
    });
    return Array.from({ length: defaultZoneCount }, (_, i) => names[i]);
}
