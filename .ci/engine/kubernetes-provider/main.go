// pulumi-resource-kubernetes, built from the pinned provider module. The upstream main embeds files that
// `go generate` writes and the module zip lacks; .ci/engine-tools.sh writes them beside this file from the
// module's committed schema.json (version field set) and terraform-mapping.json before it builds.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var schema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, schema, terraformMapping)
}
