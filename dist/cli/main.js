import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  Command,
  CommanderError,
  EXIT,
  Option,
  action,
  installSignalHandlers,
  interruptSignal,
  lastExitCode,
  printErr,
  printOut,
  releaseAction,
  reportError,
  resetExitCode
} from "./chunks/chunk-XX7CQEDV.js";
import "./chunks/chunk-3X7PDRD5.js";
import "./chunks/chunk-34IGQYKH.js";
import "./chunks/chunk-WMZLU4BU.js";
import "./chunks/chunk-DDVRK4SU.js";
import "./chunks/chunk-YNPOA2B2.js";
import {
  GitcanaryError
} from "./chunks/chunk-ASCNN4HU.js";
import "./chunks/chunk-K7FAASV6.js";
import "./chunks/chunk-ZXCS2I6Q.js";

// src/targets/router-keys.ts
var ROUTER_KEYS = [
  "apisix",
  "gatewayAPI",
  "nginx",
  "istio",
  "smi",
  "traefik",
  "alb",
  "ambassador"
];

// src/cli/edit-commands.ts
var weights = () => import("./chunks/set-weight-CCSOIBW4.js");
var INFERENCE_HELP = "Without --stable/--canary the managed rule must have exactly two backends: the first is the stable, the second the canary (the order of the Argo Rollouts and Flagger examples); with one of them given, the other is the remaining backend.";
function registerWeightCommands(set, get) {
  routeOptions(set.command("weight")).description("set the canary weight of a traffic router (stable gets 100 - weight)").option("--stable <backend>", "stable backend: a Service, or an Istio host or subset").option("--canary <backend>", "canary backend: a Service, or an Istio host or subset").argument("<weight>", "canary weight, an integer from 0 to 100").addHelpText("after", `
${INFERENCE_HELP}`).action(
    action(async (weight, options) => (await weights()).setWeight(weight, options))
  );
  routeOptions(set.command("header-route")).description("add, replace or remove a header route: requests with a header go to the canary only").requiredOption("--name <name>", "header route name").option("--header <header>", "request header to match").addOption(
    new Option("--exact", "match the header value exactly").conflicts(["prefix", "regex", "remove"])
  ).addOption(new Option("--prefix", "match values starting with <value>").conflicts(["regex", "remove"])).addOption(new Option("--regex", "match values against a regular expression").conflicts(["remove"])).option("--remove", "remove the header route").option("--stable <backend>", "stable backend").option("--canary <backend>", "canary backend").argument("[value]", "header value, prefix or regular expression").addHelpText("after", `
${INFERENCE_HELP}`).action(
    action(
      async (value, options) => (await weights()).setHeaderRoute(value, options)
    )
  );
  routeOptions(get.command("weight")).description("print the canary weight of a traffic router: percent of the stable + canary traffic").option("--stable <backend>", "stable backend").option("--canary <backend>", "canary backend").addHelpText("after", `
${INFERENCE_HELP}`).action(action(async (options) => (await weights()).getWeight(options)));
}
function routeOptions(command) {
  return command.requiredOption("--file <path>", "manifest file, or a folder to search (any path)").addOption(
    new Option("--router <router>", "router kind (default: detected from the file)").choices(ROUTER_KEYS)
  ).option("--route <name>", "the resource (HTTPRoute, VirtualService, Ingress, \u2026); needed when several").option(
    "--rule <name>",
    "rule or HTTP route inside it to manage, repeatable",
    (rule, rules) => [...rules ?? [], rule]
  ).option("-v, --verbose", "print the files written");
}
function registerImageCommands(set) {
  set.command("image").description("set an image in a kustomization (images:) or an Argo Rollout (spec.template)").requiredOption(
    "-f, --file <path>",
    "kustomization file or its folder; with --rollout, the file or folder holding it"
  ).option("--rollout <name>", "set the image of this Rollout instead of a kustomization").option("-n, --namespace <namespace>", "namespace of the Rollout, when names repeat").option("-c, --container <name>", "Rollout container (default: the first)").option("-v, --verbose", "print the files written").argument(
    "<images...>",
    "kustomization: name=newName[:newTag][@digest], name:newTag, name@digest (`*` keeps a value); Rollout: one image reference"
  ).addHelpText(
    "after",
    `
Examples:
  gitcanary set image --file overlays/canary ghcr.io/stefanprodan/podinfo=ghcr.io/stefanprodan/podinfo:6.1.0
  gitcanary set image --file overlays/canary ghcr.io/stefanprodan/podinfo:6.1.0
  gitcanary set image --file rollout.yaml --rollout rollouts-demo --container rollouts-demo argoproj/rollouts-demo:yellow`
  ).action(
    action(
      async (images, options) => (await import("./chunks/set-image-WWYIFUS3.js")).runSetImage(images, options)
    )
  );
}

// src/cli/init.ts
import { writeFile } from "node:fs/promises";
function registerInitCommand(program) {
  program.command("init").description("write a gitcanary.yaml from an existing Argo Rollout or Flagger Canary; commits nothing").requiredOption(
    "--from <manifest>",
    "the Rollout or Canary manifest, in a checkout of the GitOps repository"
  ).requiredOption("--repo <url>", "GitOps repository URL for spec.git.repo").option("--branch <name>", "branch gitcanary commits to", "main").option("-o, --output <file>", "write the config here instead of printing it").option("--root <dir>", "root of the checkout (default: the git top level of --from)").action(
    action(async (options) => {
      const { adoptManifest } = await import("./chunks/adopt-X26QO3QU.js");
      const { text, adoption } = await adoptManifest(options);
      for (const line of adoption.dropped) printErr(`warning: not carried over: ${line}`);
      if (options.output === void 0) {
        process.stdout.write(text);
      } else {
        await writeFile(options.output, text);
        printOut(`wrote ${options.output}`);
      }
      return 0;
    })
  );
}

// src/cli/release.ts
function registerReleaseCommands(program) {
  const common = (command) => command.option("-c, --config <file>", "release config", "gitcanary.yaml").option("--workdir <dir>", "use this clone of the GitOps repository instead of a temporary one").option("--json", "one JSON event per line").option("--dotenv <file>", "write where the release stands as KEY=value lines (GitLab dotenv report)").option("--junit <file>", "write each gate evaluation as a JUnit XML test case");
  const act = (name) => releaseAction(name, async (options, output) => {
    const { runReleaseCommand } = await import("./chunks/commands-WFNQ56VV.js");
    return runReleaseCommand(name, options, output);
  });
  common(
    program.command("run").description("drive the whole release; exit when promoted, rolled back or paused")
  ).option("--image <ref>", "candidate image (required to start a release)").option("--no-supersede", "refuse a new image while a release is in progress").action(act("run"));
  common(program.command("step").description("advance at most one commit, then exit (scheduled CI jobs)")).option("--image <ref>", "candidate image (required to start a release)").option("--no-supersede", "refuse a new image while a release is in progress").action(act("step"));
  common(program.command("plan").description("print every step's diff; write nothing")).requiredOption("--image <ref>", "candidate image").action(act("plan"));
  common(program.command("status").description("where the release stands, read from Git")).action(
    act("status")
  );
  common(program.command("promote").description("go on past the current pause; --full promotes now")).option("--full", "skip every remaining step and promote").action(act("promote"));
  common(program.command("abort").description("roll back: one commit with stable-only traffic")).action(
    act("abort")
  );
  common(program.command("validate").description("check the config and every manifest it references")).action(
    act("validate")
  );
}

// src/cli/program.ts
function buildProgram() {
  const program = new Command("gitcanary").description("Canary releases through Git: every step is a commit to your GitOps repository.").version("0.1.0").showHelpAfterError().exitOverride();
  registerReleaseCommands(program);
  registerInitCommand(program);
  const set = program.command("set").description("edit manifests in place, without committing");
  const get = program.command("get").description("read canary state from manifests");
  registerWeightCommands(set, get);
  registerImageCommands(set);
  return program;
}
async function main(argv) {
  resetExitCode();
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return EXIT.ok;
    if (argv.includes("--json")) {
      reportError(new GitcanaryError("USAGE", error.message.replace(/^error: /, "")), true, false);
    }
    return EXIT.badInput;
  }
  return lastExitCode();
}

// src/cli/main.ts
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
});
installSignalHandlers();
var code = await main(process.argv);
if (interruptSignal.aborted) process.exit(code);
process.exitCode = code;
