import {
  paginateDescribeFlowLogs,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import type { TAwsSecurityGroup, TAwsVpc, TSecurityGroupRule } from '../../../catalog/monitoring/aws.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import type { TAwsSession } from './clients.ts';
import { parseResponse, send } from './errors.ts';
import { type TIpPermission, ZFlowLogPage, ZSecurityGroupPage, ZVpcPage } from './schemas.ts';

// Per region: security groups with their rules, and VPCs with the flow logs attached to them.

function rule(permission: TIpPermission): TSecurityGroupRule {
  // EC2 reports FromPort/ToPort -1 (or nothing) when a rule has no ports: all protocols, or all ICMP types.
  const port = (value: number | undefined) => (value === undefined || value < 0 ? null : value);
  return {
    protocol: permission.IpProtocol,
    fromPort: port(permission.FromPort),
    toPort: port(permission.ToPort),
    ipv4Ranges: permission.IpRanges.map((r) => r.CidrIp),
    ipv6Ranges: permission.Ipv6Ranges.map((r) => r.CidrIpv6),
    prefixLists: permission.PrefixListIds.map((p) => p.PrefixListId),
    sourceGroups: permission.UserIdGroupPairs.flatMap((p) => (p.GroupId ? [p.GroupId] : [])),
  };
}

export async function collectSecurityGroups(
  session: TAwsSession,
  region: string,
): Promise<TResource<TAwsSecurityGroup>[]> {
  const call = { action: 'ec2:DescribeSecurityGroups', region };
  const client = session.ec2(region);
  const groups = await send(call, async () => {
    const found = [];
    for await (const page of paginateDescribeSecurityGroups({ client }, {}))
      found.push(...parseResponse(ZSecurityGroupPage, page, call).SecurityGroups);
    return found;
  });
  return groups.map((g) => ({
    type: 'aws.ec2.security_group',
    id:
      g.SecurityGroupArn ?? `arn:${session.partition}:ec2:${region}:${g.OwnerId}:security-group/${g.GroupId}`,
    name: `${g.GroupName} (${g.GroupId})`,
    attributes: {
      groupId: g.GroupId,
      groupName: g.GroupName,
      vpcId: g.VpcId ?? null,
      region,
      isDefault: g.GroupName === 'default',
      ingress: g.IpPermissions.map(rule),
      egress: g.IpPermissionsEgress.map(rule),
    },
  }));
}

function nameTag(tags: Array<{ Key: string; Value: string }>): string | undefined {
  return tags.find((t) => t.Key === 'Name')?.Value || undefined;
}

export async function collectVpcs(session: TAwsSession, region: string): Promise<TResource<TAwsVpc>[]> {
  const client = session.ec2(region);
  const vpcCall = { action: 'ec2:DescribeVpcs', region };
  const flowCall = { action: 'ec2:DescribeFlowLogs', region };
  const [vpcs, flowLogs] = await Promise.all([
    send(vpcCall, async () => {
      const found = [];
      for await (const page of paginateDescribeVpcs({ client }, {}))
        found.push(...parseResponse(ZVpcPage, page, vpcCall).Vpcs);
      return found;
    }),
    send(flowCall, async () => {
      const found = [];
      for await (const page of paginateDescribeFlowLogs({ client }, {}))
        found.push(...parseResponse(ZFlowLogPage, page, flowCall).FlowLogs);
      return found;
    }),
  ]);
  return vpcs.map((vpc) => ({
    type: 'aws.ec2.vpc',
    id: `arn:${session.partition}:ec2:${region}:${vpc.OwnerId}:vpc/${vpc.VpcId}`,
    name: nameTag(vpc.Tags) ? `${nameTag(vpc.Tags)} (${vpc.VpcId})` : vpc.VpcId,
    attributes: {
      vpcId: vpc.VpcId,
      region,
      isDefault: vpc.IsDefault ?? false,
      cidrBlock: vpc.CidrBlock ?? null,
      flowLogs: flowLogs
        .filter((f) => f.ResourceId === vpc.VpcId)
        .map((f) => ({
          id: f.FlowLogId,
          status: f.FlowLogStatus,
          trafficType: f.TrafficType ?? 'unknown',
          destinationType: f.LogDestinationType ?? null,
        })),
    },
  }));
}
