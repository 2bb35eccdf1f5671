import { paginateListDistributions } from '@aws-sdk/client-cloudfront';
import { paginateDescribeLoadBalancers } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetWebACLForResourceCommand } from '@aws-sdk/client-wafv2';
import type { TAwsCloudFrontDistribution, TAwsLoadBalancer } from '../../../catalog/monitoring/aws.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import { mapLimit, type TAwsSession } from './clients.ts';
import { parseResponse, send, sendOrAbsent } from './errors.ts';
import { ZDistributionPage, ZLoadBalancerPage, ZWebAclForResource } from './schemas.ts';

// The edge of an application: load balancers per region, with the WAF web ACL of each internet-facing
// application load balancer, and the account's CloudFront distributions (global) with theirs.

/** Web ACL look-ups at once; WAF allows a few requests per second per account and region. */
const CONCURRENCY = 4;

/** WAF attaches to application load balancers only; a public one is what it should stand in front of. */
function wafCandidate(lb: { Scheme: string; Type: string }): boolean {
  return lb.Scheme === 'internet-facing' && lb.Type === 'application';
}

export async function collectLoadBalancers(
  session: TAwsSession,
  region: string,
): Promise<TResource<TAwsLoadBalancer>[]> {
  const client = session.elbv2(region);
  const list = { action: 'elasticloadbalancing:DescribeLoadBalancers', region };
  const balancers = await send(list, async () => {
    const found = [];
    for await (const page of paginateDescribeLoadBalancers({ client }, {}))
      found.push(...parseResponse(ZLoadBalancerPage, page, list).LoadBalancers);
    return found;
  });
  const waf = session.wafv2(region);
  const lookup = { action: 'wafv2:GetWebACLForResource', region };
  return mapLimit(balancers, CONCURRENCY, async (lb) => {
    // No association is an answer without a WebACL; WAF also says WAFNonexistentItemException for it.
    const answer = wafCandidate(lb)
      ? await sendOrAbsent(lookup, ['WAFNonexistentItemException'], () =>
          waf.send(new GetWebACLForResourceCommand({ ResourceArn: lb.LoadBalancerArn }), {
            abortSignal: session.signal,
          }),
        )
      : null;
    const acl = answer ? parseResponse(ZWebAclForResource, answer, lookup).WebACL : undefined;
    return {
      type: 'aws.elbv2.load_balancer',
      id: lb.LoadBalancerArn,
      name: lb.LoadBalancerName,
      attributes: {
        name: lb.LoadBalancerName,
        region,
        loadBalancerType: lb.Type,
        scheme: lb.Scheme,
        dnsName: lb.DNSName ?? null,
        vpcId: lb.VpcId ?? null,
        state: lb.State?.Code ?? null,
        webAcl: acl ? { id: acl.ARN, name: acl.Name } : null,
      },
    };
  });
}

export async function collectDistributions(
  session: TAwsSession,
): Promise<TResource<TAwsCloudFrontDistribution>[]> {
  const call = { action: 'cloudfront:ListDistributions' };
  const client = session.cloudFront();
  const distributions = await send(call, async () => {
    const found = [];
    for await (const page of paginateListDistributions({ client }, {}))
      found.push(...parseResponse(ZDistributionPage, page, call).DistributionList.Items);
    return found;
  });
  return distributions.map((d) => {
    const aliases = d.Aliases?.Items ?? [];
    // A WAFv2 ACL is named in its ARN (…:global/webacl/NAME/ID); WAF Classic gives a bare id.
    const aclName = /:global\/webacl\/([^/]+)\//.exec(d.WebACLId)?.[1] ?? null;
    return {
      type: 'aws.cloudfront.distribution',
      id: d.ARN,
      name: aliases[0] ? `${aliases[0]} (${d.Id})` : `${d.DomainName} (${d.Id})`,
      attributes: {
        distributionId: d.Id,
        domainName: d.DomainName,
        aliases,
        enabled: d.Enabled,
        status: d.Status,
        viewerProtocolPolicy: d.DefaultCacheBehavior.ViewerProtocolPolicy,
        webAcl: d.WebACLId ? { id: d.WebACLId, name: aclName } : null,
      },
    };
  });
}
