import { awsAccountTests } from './aws-account.ts';
import { awsDataTests } from './aws-data.ts';
import { awsEdgeTests } from './aws-edge.ts';
import { awsIamTests } from './aws-iam.ts';
import { awsNetworkTests } from './aws-network.ts';
import {
  awsAccount,
  awsCloudFrontDistribution,
  awsIamUser,
  awsKmsKey,
  awsLoadBalancer,
  awsRdsInstance,
  awsS3Bucket,
  awsSecurityGroup,
  awsVpc,
} from './aws-resources.ts';
import type { TProviderLibrary } from './define.ts';

// Amazon Web Services, read through the account's APIs with read-only credentials (see
// adapters/integrations/aws). The tests are split by area: account settings, IAM users, data stores and
// network exposure, and the edge (WAF, CloudFront).

export * from './aws-resources.ts';

export const awsLibrary: TProviderLibrary = {
  provider: 'aws',
  resourceTypes: [
    awsAccount,
    awsIamUser,
    awsS3Bucket,
    awsRdsInstance,
    awsSecurityGroup,
    awsVpc,
    awsKmsKey,
    awsLoadBalancer,
    awsCloudFrontDistribution,
  ],
  tests: [...awsAccountTests, ...awsIamTests, ...awsDataTests, ...awsNetworkTests, ...awsEdgeTests],
};
