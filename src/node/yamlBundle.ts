// The entry of dist/yaml.js: the YAML library, loaded on first use by src/node/yamlLazy.ts.
export * from "yaml";
