import { fail, notApplicable, pass, type TTestDefinition } from '../../domain/monitoring/model.ts';
import { awsCloudFrontDistribution, awsLoadBalancer } from './aws-resources.ts';
import { defineTest } from './define.ts';

// The edge: a web application firewall in front of every public load balancer and CloudFront
// distribution, and CloudFront refusing plain HTTP.

const WAF_RATIONALE =
  'A public web endpoint receives injection, scanning and credential-stuffing traffic from the first day; a web ACL with managed rule groups and rate limits filters it before it reaches the application.';

export const awsEdgeTests: TTestDefinition[] = [
  defineTest(awsLoadBalancer, {
    id: 'aws.alb_web_acl',
    title: 'Internet-facing application load balancers are behind a WAF web ACL',
    severity: 'high',
    rationale: WAF_RATIONALE,
    remediation:
      'Create a regional AWS WAF web ACL with the AWS managed core rule set, known bad inputs and a rate-based rule, and associate it with the load balancer (or serve the load balancer only through a protected CloudFront distribution and make it internal).',
    controls: ['NET-05'],
    evaluate: ({ attributes: lb }) => {
      if (lb.scheme !== 'internet-facing')
        return notApplicable(`an ${lb.scheme} load balancer`, { scheme: lb.scheme });
      if (lb.loadBalancerType !== 'application')
        return notApplicable(`a ${lb.loadBalancerType} load balancer; WAF attaches to application ones`, {
          loadBalancerType: lb.loadBalancerType,
        });
      return lb.webAcl
        ? pass(`web ACL ${lb.webAcl.name ?? lb.webAcl.id} is associated`, { webAcl: lb.webAcl })
        : fail('no web ACL is associated with this internet-facing load balancer', { webAcl: null });
    },
  }),
  defineTest(awsCloudFrontDistribution, {
    id: 'aws.cloudfront_web_acl',
    title: 'CloudFront distributions are behind a WAF web ACL',
    severity: 'high',
    rationale: WAF_RATIONALE,
    remediation:
      "Create a global (CLOUDFRONT scope, us-east-1) AWS WAF web ACL with managed rule groups and a rate-based rule, and select it in the distribution's security settings.",
    controls: ['NET-05'],
    evaluate: ({ attributes: d }) => {
      if (!d.enabled) return notApplicable('the distribution is disabled', { enabled: false });
      return d.webAcl
        ? pass(`web ACL ${d.webAcl.name ?? d.webAcl.id} is attached`, { webAcl: d.webAcl })
        : fail('no web ACL is attached to this distribution', { webAcl: null });
    },
  }),
  defineTest(awsCloudFrontDistribution, {
    id: 'aws.cloudfront_https_only',
    title: 'CloudFront distributions do not serve plain HTTP',
    severity: 'medium',
    rationale:
      'A distribution that answers plain HTTP lets anyone on the path read or alter what it serves, including session cookies, and lets users be downgraded away from TLS.',
    remediation:
      'Set the viewer protocol policy of the default cache behaviour (and every other behaviour) to "Redirect HTTP to HTTPS" or "HTTPS only".',
    controls: ['NET-06'],
    evaluate: ({ attributes: d }) => {
      if (!d.enabled) return notApplicable('the distribution is disabled', { enabled: false });
      return d.viewerProtocolPolicy === 'allow-all'
        ? fail('the default cache behaviour serves plain HTTP (allow-all)', {
            viewerProtocolPolicy: d.viewerProtocolPolicy,
          })
        : pass(`the default cache behaviour is ${d.viewerProtocolPolicy}`, {
            viewerProtocolPolicy: d.viewerProtocolPolicy,
          });
    },
  }),
];
