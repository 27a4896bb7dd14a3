// An example plugin, as a portal repo would write one: a card for every entity with an `aws.amazon.com/arn`
// annotation, showing what the ARN names and linking to the AWS console, drawn by an Astro component it ships
// (AwsArnCard.astro), with a browser script that adds a "Copy ARN" button. Configured in backlot.config.yaml:
//
//   plugins:
//     - module: ./plugins/aws-resource.ts
//       options: { consoleUrl: https://console.aws.amazon.com }
import { definePlugin } from 'backlot/plugins';

interface Options {
  consoleUrl: string;
}

export default definePlugin<Options>({
  name: 'aws-resource',
  // Checked like the rest of backlot.config.yaml; defaults are filled in before the plugin sees its options.
  options: {
    type: 'object',
    additionalProperties: false,
    properties: { consoleUrl: { type: 'string', pattern: '^https://', default: 'https://console.aws.amazon.com' } },
  },
  view: {
    annotations: ['aws.amazon.com/arn'],
    cards({ entity }, { options }) {
      const arn = entity.metadata.annotations?.['aws.amazon.com/arn'] ?? '';
      // arn:partition:service:region:account-id:resource
      const [prefix, , service, region, account, ...resource] = arn.split(':');
      if (prefix !== 'arn' || !service || resource.length === 0) {
        return { id: 'arn', title: 'AWS', text: `"${arn}" is not an ARN.` };
      }
      const consoleHref = `${options.consoleUrl.replace(/\/+$/, '')}/go/view?arn=${encodeURIComponent(arn)}`;
      return {
        id: 'arn',
        title: 'AWS',
        // Drawn by the component below from `props`; the rows and links are what a site without it shows.
        component: 'arn',
        props: { service, region, account, resource: resource.join(':'), console: consoleHref },
        rows: [
          { label: 'Service', value: service },
          ...(region ? [{ label: 'Region', value: region }] : []),
          ...(account ? [{ label: 'Account', value: account, code: true }] : []),
          { label: 'Resource', value: resource.join(':'), code: true },
        ],
        links: [{ title: 'Open in the AWS console', href: consoleHref }],
        // Read by the browser script below.
        dataset: { arn },
      };
    },
  },
  // Astro components the plugin ships, by name: a card names one in its `component`.
  components: { arn: new URL('./AwsArnCard.astro', import.meta.url) },
  // Adds a "Copy ARN" button; loaded only on the pages that show this plugin's card.
  browser: new URL('./aws-resource.browser.js', import.meta.url),
});
