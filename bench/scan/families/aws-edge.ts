import { awsCloudFrontDistribution, awsLoadBalancer } from '../../../src/catalog/monitoring/aws.ts';
import { generator, hex } from './kit.ts';

// The AWS edge: ELBv2 load balancers with the web ACL of each internet-facing ALB, and CloudFront
// distributions with theirs and the default cache behaviour's viewer protocol policy.

const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];
const ACCOUNT = '123456789012';

/** A WAFv2 regional web ACL as GetWebACLForResource names it: its ARN and its name. */
const regionalAcl = (region: string, name: string, uuid: string) => ({
  id: `arn:aws:wafv2:${region}:${ACCOUNT}:regional/webacl/${name}/${uuid}`,
  name,
});

export const awsEdgeGenerators = [
  generator(
    awsLoadBalancer,
    0.6,
    (rng, i) => {
      const region = rng.pick(REGIONS);
      const type = rng.pick(['application', 'application', 'application', 'network', 'gateway'] as const);
      const scheme = type === 'gateway' ? 'internal' : rng.pick(['internet-facing', 'internal'] as const);
      const name = `${type === 'application' ? 'alb' : type === 'network' ? 'nlb' : 'gwlb'}-${i}`;
      const candidate = type === 'application' && scheme === 'internet-facing';
      return {
        id: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/${type === 'gateway' ? 'gwy' : type.slice(0, 3)}/${name}/${hex(rng, 16)}`,
        name,
        attributes: {
          name,
          region,
          loadBalancerType: type,
          scheme,
          dnsName: `${name}-${hex(rng, 8)}.${region}.elb.amazonaws.com`,
          vpcId: `vpc-${(i >> 2).toString(16).padStart(17, '0')}`,
          state: rng.chance(0.97) ? 'active' : 'provisioning',
          webAcl:
            candidate && rng.chance(0.6)
              ? regionalAcl(region, rng.pick(['public-web', 'api']), hex(rng, 32))
              : null,
        },
      };
    },
    // A public ALB gains or loses its web ACL (an internal or non-application one becomes a public ALB).
    (a) =>
      a.scheme === 'internet-facing' && a.loadBalancerType === 'application' && a.webAcl
        ? { ...a, webAcl: null }
        : {
            ...a,
            scheme: 'internet-facing',
            loadBalancerType: 'application',
            webAcl: a.webAcl ?? regionalAcl(a.region, 'public-web', '0'.repeat(32)),
          },
  ),
  generator(
    awsCloudFrontDistribution,
    0.3,
    (rng, i) => {
      const distributionId = `E${hex(rng, 13).toUpperCase()}`;
      const acl = rng.chance(0.55);
      const classic = acl && rng.chance(0.1);
      const aclId = hex(rng, 8);
      return {
        id: `arn:aws:cloudfront::${ACCOUNT}:distribution/${distributionId}`,
        name: distributionId,
        attributes: {
          distributionId,
          domainName: `d${hex(rng, 13)}.cloudfront.net`,
          aliases: rng.chance(0.7) ? [`cdn${i}.example.com`] : [],
          enabled: rng.chance(0.9),
          status: rng.pick(['Deployed', 'Deployed', 'Deployed', 'InProgress']),
          viewerProtocolPolicy: rng.pick([
            'redirect-to-https',
            'redirect-to-https',
            'https-only',
            'allow-all',
          ]),
          webAcl: !acl
            ? null
            : classic
              ? { id: `${aclId}-classic`, name: null }
              : {
                  id: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/cdn-${i % 4}/${aclId}`,
                  name: `cdn-${i % 4}`,
                },
        },
      };
    },
    // An enabled distribution switches between serving plain HTTP and redirecting it to HTTPS.
    (a) => ({
      ...a,
      enabled: true,
      viewerProtocolPolicy:
        a.enabled && a.viewerProtocolPolicy !== 'allow-all' ? 'allow-all' : 'redirect-to-https',
    }),
  ),
];
