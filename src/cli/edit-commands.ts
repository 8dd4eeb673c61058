import { type Command, Option } from 'commander';
import { ROUTER_KEYS } from '../targets/router-keys.js';
import { action } from './output.js';
import type { SetImageOptions } from './set-image.js';
import type { HeaderRouteOptions, RouteOptions } from './set-weight.js';

// `set weight|header-route|image` and `get weight` as commander sees them. The edits themselves
// (set-weight.ts, set-image.ts: YAML, routers, zod) load when one runs, so `--help` stays cheap.

const weights = () => import('./set-weight.js');

const INFERENCE_HELP =
  'Without --stable/--canary the managed rule must have exactly two backends: the first is the stable, ' +
  'the second the canary (the order of the Argo Rollouts and Flagger examples); with one of them given, ' +
  'the other is the remaining backend.';

export function registerWeightCommands(set: Command, get: Command): void {
  routeOptions(set.command('weight'))
    .description('set the canary weight of a traffic router (stable gets 100 - weight)')
    .option('--stable <backend>', 'stable backend: a Service, or an Istio host or subset')
    .option('--canary <backend>', 'canary backend: a Service, or an Istio host or subset')
    .argument('<weight>', 'canary weight, an integer from 0 to 100')
    .addHelpText('after', `\n${INFERENCE_HELP}`)
    .action(
      action(async (weight: string, options: RouteOptions) => (await weights()).setWeight(weight, options)),
    );

  routeOptions(set.command('header-route'))
    .description('add, replace or remove a header route: requests with a header go to the canary only')
    .requiredOption('--name <name>', 'header route name')
    .option('--header <header>', 'request header to match')
    .addOption(
      new Option('--exact', 'match the header value exactly').conflicts(['prefix', 'regex', 'remove']),
    )
    .addOption(new Option('--prefix', 'match values starting with <value>').conflicts(['regex', 'remove']))
    .addOption(new Option('--regex', 'match values against a regular expression').conflicts(['remove']))
    .option('--remove', 'remove the header route')
    .option('--stable <backend>', 'stable backend')
    .option('--canary <backend>', 'canary backend')
    .argument('[value]', 'header value, prefix or regular expression')
    .addHelpText('after', `\n${INFERENCE_HELP}`)
    .action(
      action(async (value: string | undefined, options: HeaderRouteOptions) =>
        (await weights()).setHeaderRoute(value, options),
      ),
    );

  routeOptions(get.command('weight'))
    .description('print the canary weight of a traffic router: percent of the stable + canary traffic')
    .option('--stable <backend>', 'stable backend')
    .option('--canary <backend>', 'canary backend')
    .addHelpText('after', `\n${INFERENCE_HELP}`)
    .action(action(async (options: RouteOptions) => (await weights()).getWeight(options)));
}

function routeOptions(command: Command): Command {
  return command
    .requiredOption('--file <path>', 'manifest file, or a folder to search (any path)')
    .addOption(
      new Option('--router <router>', 'router kind (default: detected from the file)').choices(ROUTER_KEYS),
    )
    .option('--route <name>', 'the resource (HTTPRoute, VirtualService, Ingress, …); needed when several')
    .option(
      '--rule <name>',
      'rule or HTTP route inside it to manage, repeatable',
      (rule: string, rules: string[] | undefined) => [...(rules ?? []), rule],
    )
    .option('-v, --verbose', 'print the files written');
}

export function registerImageCommands(set: Command): void {
  set
    .command('image')
    .description('set an image in a kustomization (images:) or an Argo Rollout (spec.template)')
    .requiredOption(
      '-f, --file <path>',
      'kustomization file or its folder; with --rollout, the file or folder holding it',
    )
    .option('--rollout <name>', 'set the image of this Rollout instead of a kustomization')
    .option('-n, --namespace <namespace>', 'namespace of the Rollout, when names repeat')
    .option('-c, --container <name>', 'Rollout container (default: the first)')
    .option('-v, --verbose', 'print the files written')
    .argument(
      '<images...>',
      'kustomization: name=newName[:newTag][@digest], name:newTag, name@digest (`*` keeps a value); Rollout: one image reference',
    )
    .addHelpText(
      'after',
      `
Examples:
  gitcanary set image --file overlays/canary ghcr.io/stefanprodan/podinfo=ghcr.io/stefanprodan/podinfo:6.1.0
  gitcanary set image --file overlays/canary ghcr.io/stefanprodan/podinfo:6.1.0
  gitcanary set image --file rollout.yaml --rollout rollouts-demo --container rollouts-demo argoproj/rollouts-demo:yellow`,
    )
    .action(
      action(async (images: string[], options: SetImageOptions) =>
        (await import('./set-image.js')).runSetImage(images, options),
      ),
    );
}
