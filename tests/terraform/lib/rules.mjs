// Policy rules over a parsed Terraform tree (see hcl.mjs). Each rule
// returns { checked, findings }: checked counts the resources it looked at,
// so a test can tell a clean pass from a rule that matched nothing. The id
// names the checkov, AWS Security Hub or trivy check the rule mirrors;
// PORTAL_* ids are this project's own rules. fixture names the file under
// fixtures/broken/ that must make the rule report a finding.

import {
  resources, resourcesMatching, blocks, moduleCalls, resolve, isTrue, isFalse, text, expandedText, toNumber,
} from './hcl.mjs';
import { securityGroupEdges, coversPort } from './reachability.mjs';

// Builds a rule that checks each resource of the given types with test,
// which returns a problem message or null.
function perResource(types, test) {
  return (tree) => {
    const findings = [];
    let checked = 0;
    for (const type of [].concat(types)) {
      for (const resource of resources(tree, type)) {
        checked += 1;
        const problem = test(resource, tree);
        if (problem) findings.push(`${resource.address}: ${problem}`);
      }
    }
    return { checked, findings };
  };
}

function requireAttr(name, expected, message) {
  return (resource) => (expected(resource.body[name]) ? null : message);
}

const number = (tree, resource, value) => toNumber(resolve(tree, resource.dir, value));

// Returns the resources of type that refer to resource (by TYPE.NAME) in
// the same directory.
function referencing(tree, type, resource) {
  const pattern = new RegExp(`\\b${resource.type}\\.${resource.name}\\b`);
  return resources(tree, type).filter((other) => other.dir === resource.dir && pattern.test(text(other.body)));
}

// Buckets that may keep ACLs, with the reason; mirrors a checkov skip comment.
const ACL_EXCEPTIONS = {
  'modules/frontend:aws_s3_bucket.logs': 'CloudFront standard logging writes log files through an ACL grant',
};

function policyDocumentFor(tree, holder) {
  const match = /data\.aws_iam_policy_document\.([A-Za-z0-9_]+)/.exec(text(holder.body.policy));
  if (!match) return null;
  return resources(tree, 'aws_iam_policy_document', 'data').find((d) => d.dir === holder.dir && d.name === match[1]) ?? null;
}

function statements(document) {
  return blocks(document.body, 'statement');
}

////////////////////////////////////////////////////////////////////////////
// RDS
////////////////////////////////////////////////////////////////////////////

const rds = [
  { id: 'CKV_AWS_16', title: 'RDS storage is encrypted', fixture: 'rds.tf',
    check: perResource('aws_db_instance', requireAttr('storage_encrypted', isTrue, 'storage_encrypted is not true')) },
  { id: 'CKV_AWS_17', title: 'RDS instance is not public', fixture: 'rds.tf',
    check: perResource('aws_db_instance', requireAttr('publicly_accessible', isFalse, 'publicly_accessible is not false')) },
  { id: 'CKV_AWS_157', title: 'RDS instance is multi-AZ', fixture: 'rds.tf',
    check: perResource('aws_db_instance', requireAttr('multi_az', isTrue, 'multi_az is not true')) },
  { id: 'CKV_AWS_133', title: 'RDS keeps backups 7 days or more', fixture: 'rds.tf',
    check: perResource('aws_db_instance', (r, tree) => (number(tree, r, r.body.backup_retention_period) >= 7 ? null : 'backup_retention_period is below 7 days or unknown')) },
  { id: 'CKV_AWS_293', title: 'RDS deletion protection is on', fixture: 'rds.tf',
    check: perResource('aws_db_instance', requireAttr('deletion_protection', isTrue, 'deletion_protection is not true')) },
  { id: 'CKV_AWS_161', title: 'RDS IAM authentication is on', fixture: 'rds.tf',
    check: perResource('aws_db_instance', requireAttr('iam_database_authentication_enabled', isTrue, 'iam_database_authentication_enabled is not true')) },
  { id: 'CKV_AWS_118', title: 'RDS enhanced monitoring is on', fixture: 'rds.tf',
    check: perResource('aws_db_instance', (r) => (toNumber(r.body.monitoring_interval) > 0 && r.body.monitoring_role_arn ? null : 'monitoring_interval or monitoring_role_arn is missing')) },
  { id: 'CKV_AWS_129', title: 'RDS exports its logs', fixture: 'rds.tf',
    check: perResource('aws_db_instance', (r, tree) => {
      const exports = resolve(tree, r.dir, r.body.enabled_cloudwatch_logs_exports);
      if (!Array.isArray(exports)) return 'enabled_cloudwatch_logs_exports is missing';
      const complete = exports.includes('error') && exports.includes('slowquery') && (exports.includes('general') || exports.includes('audit'));
      return complete ? null : `log exports ${exports.join(', ')} lack error, slowquery, and general or audit`;
    }) },
  { id: 'CKV_AWS_226', title: 'RDS minor upgrades are automatic', fixture: 'rds.tf',
    check: perResource('aws_db_instance', requireAttr('auto_minor_version_upgrade', isTrue, 'auto_minor_version_upgrade is not true')) },
  { id: 'CKV2_AWS_60', title: 'RDS copies tags to snapshots', fixture: 'rds.tf',
    check: perResource('aws_db_instance', requireAttr('copy_tags_to_snapshot', isTrue, 'copy_tags_to_snapshot is not true')) },
  { id: 'CKV_AWS_353', title: 'RDS Performance Insights is on', fixture: 'rds.tf',
    check: perResource('aws_db_instance', requireAttr('performance_insights_enabled', isTrue, 'performance_insights_enabled is not true')) },
  { id: 'CKV_AWS_354', title: 'RDS Performance Insights uses KMS', fixture: 'rds.tf',
    check: perResource('aws_db_instance', (r) => (r.body.performance_insights_kms_key_id ? null : 'performance_insights_kms_key_id is missing')) },
  { id: 'CKV2_AWS_69', title: 'RDS MySQL requires TLS', fixture: 'rds.tf',
    check: perResource('aws_db_parameter_group', (r) => {
      const require = blocks(r.body, 'parameter').find((p) => p.name === 'require_secure_transport');
      return require && ['1', 'ON', 'on'].includes(String(require.value)) ? null : 'require_secure_transport is not 1 (ON)';
    }) },
  { id: 'PORTAL_RDS_1', title: 'RDS uses utf8mb4 and managed password', fixture: 'rds.tf',
    check: (tree) => {
      const groups = perResource('aws_db_parameter_group', (r) => {
        const value = (name) => blocks(r.body, 'parameter').find((p) => p.name === name)?.value;
        return value('character_set_server') === 'utf8mb4' && value('collation_server') === 'utf8mb4_unicode_ci'
          ? null : 'character_set_server is not utf8mb4 or collation_server is not utf8mb4_unicode_ci';
      })(tree);
      const instances = perResource('aws_db_instance', (r) => {
        if (!isTrue(r.body.manage_master_user_password)) return 'manage_master_user_password is not true';
        if (r.body.password !== undefined) return 'a password is set in Terraform';
        return r.body.kms_key_id ? null : 'kms_key_id (customer-managed key) is missing';
      })(tree);
      return { checked: groups.checked + instances.checked, findings: [...groups.findings, ...instances.findings] };
    } },
];

////////////////////////////////////////////////////////////////////////////
// EC2 launch templates and ECS
////////////////////////////////////////////////////////////////////////////

const ec2 = [
  { id: 'CKV_AWS_79', title: 'launch template requires IMDSv2', fixture: 'launch-template.tf',
    check: perResource('aws_launch_template', (r) => (blocks(r.body, 'metadata_options')[0]?.http_tokens === 'required' ? null : 'metadata_options.http_tokens is not required')) },
  { id: 'CKV_AWS_341', title: 'launch template hop limit is 1', fixture: 'launch-template.tf',
    check: perResource('aws_launch_template', (r) => (toNumber(blocks(r.body, 'metadata_options')[0]?.http_put_response_hop_limit) === 1 ? null : 'http_put_response_hop_limit is not 1')) },
  { id: 'CKV_AWS_8', title: 'launch template EBS is encrypted', fixture: 'launch-template.tf',
    check: perResource('aws_launch_template', (r) => {
      const volumes = blocks(r.body, 'block_device_mappings').flatMap((m) => blocks(m, 'ebs'));
      if (volumes.length === 0) return 'no block_device_mappings with ebs';
      return volumes.every((v) => isTrue(v.encrypted) && v.kms_key_id) ? null : 'an EBS volume is not encrypted with a KMS key';
    }) },
  { id: 'CKV_AWS_88', title: 'launch template has no public IP', fixture: 'launch-template.tf',
    check: perResource('aws_launch_template', (r) => {
      const interfaces = blocks(r.body, 'network_interfaces');
      return interfaces.length > 0 && interfaces.every((n) => isFalse(n.associate_public_ip_address)) ? null : 'associate_public_ip_address is not false';
    }) },
  { id: 'PORTAL_EC2_1', title: 'instances have no key pair', fixture: 'launch-template.tf',
    check: (tree) => {
      const pairs = resources(tree, 'aws_key_pair').map((r) => `${r.address}: EC2 key pairs are not allowed`);
      const result = perResource(['aws_launch_template', 'aws_instance'], (r) => (r.body.key_name ? 'key_name is set' : null))(tree);
      return { checked: result.checked, findings: [...pairs, ...result.findings] };
    } },
  { id: 'PORTAL_EC2_2', title: 'ECS AMI and agent settings', fixture: 'launch-template.tf',
    check: perResource('aws_launch_template', (r, tree) => {
      if (!/data\.aws_ssm_parameter\./.test(text(r.body.image_id))) return 'image_id does not come from an SSM parameter';
      const parameter = resources(tree, 'aws_ssm_parameter', 'data').find((d) => d.dir === r.dir);
      if (parameter?.body.name !== '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id') return 'the AMI parameter is not the ECS-optimized Amazon Linux 2023 one';
      const userData = expandedText(tree, r.dir, r.body.user_data);
      if (!/ECS_CLUSTER=/.test(userData)) return 'user data does not set ECS_CLUSTER';
      return /ECS_AWSVPC_BLOCK_IMDS=true/.test(userData) ? null : 'user data does not set ECS_AWSVPC_BLOCK_IMDS=true';
    }) },
  { id: 'PORTAL_EC2_3', title: 'instance role has only ECS and SSM', fixture: 'launch-template.tf',
    check: (tree) => {
      const allowed = new Set(['AmazonEC2ContainerServiceforEC2Role', 'AmazonSSMManagedInstanceCore']);
      const findings = [];
      let checked = 0;
      for (const profile of resources(tree, 'aws_iam_instance_profile')) {
        checked += 1;
        const role = /aws_iam_role\.([A-Za-z0-9_]+)/.exec(text(profile.body.role))?.[1];
        const attachments = resources(tree, 'aws_iam_role_policy_attachment').filter((a) => a.dir === profile.dir && text(a.body.role).includes(`aws_iam_role.${role}.`));
        const policies = attachments.flatMap((a) => resolve(tree, a.dir, a.body.for_each) instanceof Array ? resolve(tree, a.dir, a.body.for_each) : [a.body.for_each ?? a.body.policy_arn]);
        const names = text(policies).match(/policy\/(?:service-role\/)?([A-Za-z0-9]+)/g)?.map((m) => m.split('/').pop()) ?? [];
        const extra = names.filter((name) => !allowed.has(name));
        if (extra.length) findings.push(`${profile.address}: extra managed policies ${extra.join(', ')}`);
        if (names.length !== 2) findings.push(`${profile.address}: expected exactly AmazonEC2ContainerServiceforEC2Role and AmazonSSMManagedInstanceCore`);
        const inline = resources(tree, 'aws_iam_role_policy').filter((p) => p.dir === profile.dir && text(p.body.role).includes(`aws_iam_role.${role}.`));
        if (inline.length) findings.push(`${profile.address}: the instance role has inline policies`);
      }
      return { checked, findings };
    } },
];

function containerText(tree, r) {
  return expandedText(tree, r.dir, r.body.container_definitions);
}

const ecs = [
  { id: 'CKV_AWS_65', title: 'ECS cluster has Container Insights', fixture: 'ecs.tf',
    check: perResource('aws_ecs_cluster', (r) => (blocks(r.body, 'setting').some((s) => s.name === 'containerInsights' && ['enabled', 'enhanced'].includes(s.value)) ? null : 'containerInsights is not enabled')) },
  { id: 'ECS.4', title: 'ECS containers are not privileged', fixture: 'ecs.tf',
    check: perResource('aws_ecs_task_definition', (r, tree) => {
      const body = containerText(tree, r);
      if (/privileged\s*=\s*true|"privileged"\s*:\s*true/.test(body)) return 'a container is privileged';
      return /privileged\s*=\s*false|"privileged"\s*:\s*false/.test(body) ? null : 'privileged = false is not set';
    }) },
  { id: 'ECS.5', title: 'ECS root filesystem is read-only', fixture: 'ecs.tf',
    check: perResource('aws_ecs_task_definition', (r, tree) => (/readonlyRootFilesystem"?\s*[=:]\s*true/.test(containerText(tree, r)) ? null : 'readonlyRootFilesystem is not true')) },
  { id: 'ECS.8', title: 'ECS secrets are not environment values', fixture: 'ecs.tf',
    check: (tree) => {
      const secretName = /(PASSWORD|SECRET|TOKEN_KEY|PRIVATE_KEY|MIGRATION_URL)/;
      const findings = [];
      let checked = 0;
      for (const r of resources(tree, 'aws_ecs_task_definition')) {
        checked += 1;
        for (const m of containerText(tree, r).matchAll(/name"?\s*[=:]\s*"([A-Z0-9_]+)"\s*,?\s*"?value"?\s*[=:]/g)) {
          if (secretName.test(m[1])) findings.push(`${r.address}: ${m[1]} is a plain environment value`);
        }
      }
      for (const call of moduleCalls(tree).filter((c) => c.body.services)) {
        for (const [service, settings] of Object.entries(call.body.services)) {
          checked += 1;
          // A literal map arrives as JSON ("KEY":"value"), a merge() call as
          // HCL text (KEY = value), so both separators are matched.
          for (const m of text(settings.environment).matchAll(/\b(PORTAL_[A-Z0-9_]+)"?\s*[=:]/g)) {
            if (secretName.test(m[1])) findings.push(`${call.dir}:module.${call.name}.${service}: ${m[1]} is a plain environment value`);
          }
        }
      }
      return { checked, findings };
    } },
  { id: 'ECS.9', title: 'ECS task definitions log to awslogs', fixture: 'ecs.tf',
    check: perResource('aws_ecs_task_definition', (r, tree) => (/logDriver"?\s*[=:]\s*"awslogs"/.test(containerText(tree, r)) ? null : 'logDriver is not awslogs')) },
  { id: 'ECS.2', title: 'ECS services get no public IP', fixture: 'ecs.tf',
    check: perResource('aws_ecs_service', (r) => {
      const network = blocks(r.body, 'network_configuration')[0];
      return network && isFalse(network.assign_public_ip) ? null : 'assign_public_ip is not false';
    }) },
  { id: 'CKV_AWS_249', title: 'ECS task and execution roles differ', fixture: 'ecs.tf',
    check: perResource('aws_ecs_task_definition', (r) => {
      if (!r.body.execution_role_arn || !r.body.task_role_arn) return 'execution_role_arn or task_role_arn is missing';
      return text(r.body.execution_role_arn) === text(r.body.task_role_arn) ? 'the task role is the execution role' : null;
    }) },
  { id: 'PORTAL_ECS_1', title: 'ECS containers run hardened', fixture: 'ecs.tf',
    check: perResource('aws_ecs_task_definition', (r, tree) => {
      const body = containerText(tree, r);
      if (r.body.network_mode !== 'awsvpc') return 'network_mode is not awsvpc';
      if (!/user"?\s*[=:]\s*"10001:10001"|container_user/.test(body) || /user"?\s*[=:]\s*"(root|0(:0)?)"/.test(body)) return 'containers do not run as 10001:10001';
      if (!/containerPath"?\s*[=:]\s*"\/tmp"/.test(body) || blocks(r.body, 'volume').length === 0) return 'no /tmp volume';
      // The exec form ("CMD") of module callers' commands is enforced by the
      // ecs module's variable validation, so only presence is checked here.
      if (!/healthCheck/.test(body)) return 'no container healthCheck';
      if (!r.body.cpu || !r.body.memory) return 'no task cpu and memory limits';
      return /secrets"?\s*[=:]/.test(body) && /valueFrom/.test(body) ? null : 'no secrets with valueFrom';
    }) },
  { id: 'PORTAL_ECS_2', title: 'ECS deployments roll back', fixture: 'ecs.tf',
    check: perResource('aws_ecs_service', (r) => {
      const breaker = blocks(r.body, 'deployment_circuit_breaker')[0];
      if (!breaker || !isTrue(breaker.enable) || !isTrue(breaker.rollback)) return 'deployment_circuit_breaker with rollback is not on';
      const discovery = blocks(r.body, 'service_registries').length > 0 || blocks(r.body, 'service_connect_configuration').length > 0;
      return discovery ? null : 'no Cloud Map or Service Connect registration';
    }) },
  { id: 'PORTAL_ECS_3', title: 'ECS capacity provider drains', fixture: 'ecs.tf',
    check: perResource('aws_ecs_capacity_provider', (r) => {
      const provider = blocks(r.body, 'auto_scaling_group_provider')[0];
      if (!provider || provider.managed_draining !== 'ENABLED') return 'managed_draining is not ENABLED';
      return blocks(provider, 'managed_scaling')[0]?.status === 'ENABLED' ? null : 'managed_scaling is not ENABLED';
    }) },
];

////////////////////////////////////////////////////////////////////////////
// Logs, KMS, SNS, Session Manager
////////////////////////////////////////////////////////////////////////////

const logsAndKeys = [
  { id: 'CKV_AWS_158', title: 'log groups are KMS-encrypted', fixture: 'logs.tf',
    check: perResource('aws_cloudwatch_log_group', (r) => (r.body.kms_key_id ? null : 'kms_key_id is missing')) },
  { id: 'CKV_AWS_66', title: 'log groups set a retention', fixture: 'logs.tf',
    check: perResource('aws_cloudwatch_log_group', (r) => (r.body.retention_in_days !== undefined && toNumber(r.body.retention_in_days) !== 0 ? null : 'retention_in_days is missing')) },
  { id: 'CKV_AWS_7', title: 'KMS keys rotate', fixture: 'logs.tf',
    check: perResource('aws_kms_key', requireAttr('enable_key_rotation', isTrue, 'enable_key_rotation is not true')) },
  { id: 'CKV_AWS_26', title: 'SNS topics are encrypted', fixture: 'logs.tf',
    check: perResource('aws_sns_topic', (r) => (r.body.kms_master_key_id ? null : 'kms_master_key_id is missing')) },
  { id: 'CKV_AWS_113', title: 'Session Manager logs are encrypted', fixture: 'logs.tf',
    check: perResource('aws_ssm_document', (r) => {
      if (r.body.document_type !== 'Session') return null;
      const body = text(r.body.content);
      return /cloudWatchLogGroupName\s*=\s*[^"\s]/.test(body) && /cloudWatchEncryptionEnabled\s*=\s*true/.test(body) ? null : 'sessions are not logged to an encrypted log group';
    }) },
  { id: 'CKV_AWS_112', title: 'Session Manager data uses KMS', fixture: 'logs.tf',
    check: perResource('aws_ssm_document', (r) => {
      if (r.body.document_type !== 'Session') return null;
      return /kmsKeyId\s*=\s*[^"\s]/.test(text(r.body.content)) ? null : 'kmsKeyId is not set';
    }) },
  { id: 'PORTAL_OPS_1', title: 'alarms cover the required metrics', fixture: 'logs.tf',
    check: (tree) => {
      const alarms = resources(tree, 'aws_cloudwatch_metric_alarm');
      const all = text(alarms.map((a) => a.body));
      const required = ['HTTPCode_ELB_5XX_Count', 'HTTPCode_Target_5XX_Count', 'UnHealthyHostCount', 'CPUUtilization', 'FreeStorageSpace', 'OutboxBacklog'];
      const findings = required.filter((metric) => !all.includes(metric)).map((metric) => `no alarm on ${metric}`);
      if (!all.includes('Portal/Audit')) findings.push('no alarm in the Portal/Audit namespace');
      for (const alarm of alarms) {
        if (!alarm.body.alarm_actions) findings.push(`${alarm.address}: no alarm_actions`);
      }
      return { checked: Math.max(alarms.length, 1), findings };
    } },
  { id: 'PORTAL_OPS_2', title: 'custom metrics alarmed on have a source', fixture: 'metrics.tf',
    check: (tree) => {
      // An alarm on a metric of the portal's own namespace watches nothing unless a log
      // metric filter publishes that metric with every dimension the alarm selects.
      const filters = resources(tree, 'aws_cloudwatch_log_metric_filter').flatMap((f) => blocks(f.body, 'metric_transformation'));
      const alarms = resources(tree, 'aws_cloudwatch_metric_alarm').filter((a) => !text(a.body.namespace).startsWith('AWS/') && a.body.metric_name);
      const findings = [];
      for (const alarm of alarms) {
        const wanted = Object.keys(alarm.body.dimensions ?? {});
        const source = filters.find((t) => t.name === alarm.body.metric_name && wanted.every((key) => Object.keys(t.dimensions ?? {}).includes(key)));
        if (!source) findings.push(`${alarm.address}: no log metric filter publishes ${alarm.body.metric_name} with dimensions ${wanted.join(', ') || '(none)'}`);
      }
      return { checked: alarms.length, findings };
    } },
];

////////////////////////////////////////////////////////////////////////////
// Network and endpoints
////////////////////////////////////////////////////////////////////////////

const DEFAULT_ROUTES = new Set(['0.0.0.0/0', '::/0']);
const isPublicTable = (name) => /public/.test(name);

const REQUIRED_ENDPOINTS = ['ecs', 'ecs-agent', 'ecs-telemetry', 'ecr.api', 'ecr.dkr', 'logs', 'ssm', 'ssmmessages', 'ec2messages', 'secretsmanager', 'kms', 'sts'];

const network = [
  { id: 'CKV2_AWS_12', title: 'default security group allows nothing', fixture: 'network.tf',
    check: perResource('aws_vpc', (r, tree) => {
      const defaults = referencing(tree, 'aws_default_security_group', r);
      if (defaults.length === 0) return 'no aws_default_security_group takes over the default group';
      return defaults.every((d) => blocks(d.body, 'ingress').length === 0 && blocks(d.body, 'egress').length === 0) ? null : 'the default security group has rules';
    }) },
  { id: 'CKV2_AWS_11', title: 'VPC flow logs are on', fixture: 'network.tf',
    check: perResource('aws_vpc', (r, tree) => (referencing(tree, 'aws_flow_log', r).length > 0 ? null : 'no aws_flow_log for this VPC')) },
  { id: 'CKV_AWS_130', title: 'subnets map no public IPs', fixture: 'network.tf',
    check: perResource('aws_subnet', (r) => (isTrue(r.body.map_public_ip_on_launch) ? 'map_public_ip_on_launch is true' : null)) },
  { id: 'PORTAL_NET_1', title: 'no NAT and no private default route', fixture: 'network.tf',
    check: (tree) => {
      const findings = resources(tree, 'aws_nat_gateway').map((r) => `${r.address}: NAT gateways are not allowed`);
      const tables = resources(tree, 'aws_route_table');
      for (const table of tables.filter((t) => !isPublicTable(t.name))) {
        for (const route of blocks(table.body, 'route')) {
          if (DEFAULT_ROUTES.has(route.cidr_block) || DEFAULT_ROUTES.has(route.ipv6_cidr_block)) findings.push(`${table.address}: inline default route`);
        }
      }
      const routes = resources(tree, 'aws_route');
      for (const route of routes) {
        const table = /aws_route_table\.([A-Za-z0-9_]+)/.exec(text(route.body.route_table_id))?.[1];
        const isDefault = DEFAULT_ROUTES.has(route.body.destination_cidr_block) || DEFAULT_ROUTES.has(route.body.destination_ipv6_cidr_block);
        if (isDefault && (!table || !isPublicTable(table))) findings.push(`${route.address}: default route from a private or database route table`);
        if (route.body.nat_gateway_id) findings.push(`${route.address}: route through a NAT gateway`);
      }
      return { checked: tables.length + routes.length, findings };
    } },
  { id: 'PORTAL_NET_2', title: 'required interface endpoints exist', fixture: 'endpoints.tf',
    check: (tree) => {
      const findings = [];
      const present = new Set();
      const interfaces = resources(tree, 'aws_vpc_endpoint').filter((r) => r.body.vpc_endpoint_type === 'Interface');
      for (const endpoint of interfaces) {
        const forEach = resolve(tree, endpoint.dir, endpoint.body.for_each);
        const listed = resolve(tree, endpoint.dir, /^\$\{toset\((var\.[a-z_]+)\)\}$/.exec(text(forEach))?.[1] ? `\${${/toset\((var\.[a-z_]+)\)/.exec(forEach)[1]}}` : forEach);
        const services = Array.isArray(listed) ? listed : [text(endpoint.body.service_name).split('.').slice(3).join('.')];
        services.forEach((service) => present.add(service));
        if (!isTrue(endpoint.body.private_dns_enabled)) findings.push(`${endpoint.address}: private_dns_enabled is not true`);
        if (!endpoint.body.security_group_ids) findings.push(`${endpoint.address}: no security_group_ids`);
      }
      for (const service of REQUIRED_ENDPOINTS) {
        if (!present.has(service)) findings.push(`no interface endpoint for ${service}`);
      }
      // The endpoints module is called from modules/portal (source
      // "../endpoints"), so calls are matched in every directory.
      const calls = moduleCalls(tree).filter((c) => /(?:^|\/)endpoints$/.test(c.body.source));
      for (const call of calls) {
        if (!/module\.security\.endpoints_security_group_id/.test(text(call.body.security_group_ids))) findings.push(`${call.dir}:module.${call.name}: does not use the endpoints security group`);
      }
      return { checked: interfaces.length + calls.length, findings };
    } },
  { id: 'PORTAL_NET_3', title: 'S3 gateway endpoint serves ECR layers', fixture: 'endpoints.tf',
    check: (tree) => {
      const findings = [];
      const gateways = resources(tree, 'aws_vpc_endpoint').filter((r) => r.body.vpc_endpoint_type === 'Gateway' && /\.s3"?$|\.s3\}?$/.test(text(r.body.service_name).replace(/"$/, '')));
      if (gateways.length === 0) findings.push('no S3 gateway endpoint');
      for (const endpoint of gateways) {
        if (!endpoint.body.route_table_ids) findings.push(`${endpoint.address}: no route_table_ids`);
        const document = policyDocumentFor(tree, endpoint);
        if (!document || !text(document.body).includes('starport-layer-bucket')) findings.push(`${endpoint.address}: the policy does not allow the ECR layer bucket`);
      }
      return { checked: gateways.length, findings };
    } },
];

////////////////////////////////////////////////////////////////////////////
// Security groups and reachability
////////////////////////////////////////////////////////////////////////////

const SERVICE_GROUPS = new Set(['registration', 'admin', 'audit']);

function edgeRule(test) {
  return (tree) => {
    const edges = securityGroupEdges(tree);
    return { checked: edges.length, findings: edges.flatMap((edge) => test(edge, edges) ?? []) };
  };
}

const securityGroups = [
  { id: 'CKV_AWS_23', title: 'security groups and rules are described', fixture: 'security-groups.tf',
    check: (tree) => {
      const groups = perResource('aws_security_group', (r) => (r.body.description ? null : 'no description'))(tree);
      const edges = securityGroupEdges(tree);
      const findings = [...groups.findings, ...edges.filter((e) => !e.description).map((e) => `${e.address}: rule has no description`)];
      return { checked: groups.checked + edges.length, findings };
    } },
  { id: 'CKV_AWS_24', title: 'no SSH from the internet', fixture: 'security-groups.tf',
    check: edgeRule((e) => (e.direction === 'ingress' && e.from === 'internet' && coversPort(e, 22) ? `${e.address}: port 22 open to the internet` : null)) },
  { id: 'CKV_AWS_25', title: 'no RDP from the internet', fixture: 'security-groups.tf',
    check: edgeRule((e) => (e.direction === 'ingress' && e.from === 'internet' && coversPort(e, 3389) ? `${e.address}: port 3389 open to the internet` : null)) },
  { id: 'CKV_AWS_277', title: 'no all-ports ingress from internet', fixture: 'security-groups.tf',
    check: edgeRule((e) => (e.direction === 'ingress' && e.from === 'internet' && (e.protocol === 'all' || e.toPort - e.fromPort > 0) ? `${e.address}: a port range or all traffic open to the internet` : null)) },
  { id: 'PORTAL_SG_1', title: 'only the load balancer faces the internet', fixture: 'security-groups.tf',
    check: edgeRule((e) => {
      if (e.from !== 'internet') return null;
      if (e.to !== 'alb') return `${e.address}: ${e.to} is reachable from the internet`;
      return [80, 443].includes(e.fromPort) && e.fromPort === e.toPort ? null : `${e.address}: the load balancer is open on ports other than 80 and 443`;
    }) },
  { id: 'PORTAL_SG_2', title: 'database reachable only from services', fixture: 'security-groups.tf',
    check: edgeRule((e) => {
      if (e.to !== 'database') return null;
      if (!SERVICE_GROUPS.has(e.from)) return `${e.address}: ${e.from} reaches the database`;
      return e.fromPort === 3306 && e.toPort === 3306 && e.protocol === 'tcp' ? null : `${e.address}: the database is open on ports other than 3306`;
    }) },
  { id: 'PORTAL_SG_3', title: 'nothing accepts port 22', fixture: 'security-groups.tf',
    check: edgeRule((e) => (e.direction === 'ingress' && coversPort(e, 22) ? `${e.address}: ${e.to} accepts port 22 from ${e.from}` : null)) },
  { id: 'PORTAL_SG_4', title: 'services accept only their callers', fixture: 'security-groups.tf',
    check: edgeRule((e) => {
      const callers = { gateway: ['alb'], registration: ['gateway'], admin: ['ecs_instance'], audit: ['registration', 'admin'], ecs_instance: [], endpoints: [] };
      if (e.direction !== 'ingress' || !(e.to in callers)) return null;
      if (e.to === 'endpoints') return e.from.startsWith('cidr:') && e.fromPort === 443 && e.toPort === 443 ? null : `${e.address}: endpoints accept ${e.from} on ${e.fromPort}`;
      return callers[e.to].includes(e.from) ? null : `${e.address}: ${e.to} accepts traffic from ${e.from}`;
    }) },
];

////////////////////////////////////////////////////////////////////////////
// Load balancer and WAF
////////////////////////////////////////////////////////////////////////////

const TLS12_POLICIES = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/;

const edge = [
  { id: 'CKV_AWS_91', title: 'ALB access logging is on', fixture: 'alb.tf',
    check: perResource('aws_lb', (r) => (blocks(r.body, 'access_logs').some((l) => isTrue(l.enabled) && l.bucket) ? null : 'access_logs are not enabled')) },
  { id: 'CKV_AWS_150', title: 'ALB deletion protection is on', fixture: 'alb.tf',
    check: perResource('aws_lb', requireAttr('enable_deletion_protection', isTrue, 'enable_deletion_protection is not true')) },
  { id: 'CKV_AWS_131', title: 'ALB drops invalid headers', fixture: 'alb.tf',
    check: perResource('aws_lb', requireAttr('drop_invalid_header_fields', isTrue, 'drop_invalid_header_fields is not true')) },
  { id: 'CKV_AWS_328', title: 'ALB desync mitigation is strictest', fixture: 'alb.tf',
    check: perResource('aws_lb', (r) => (r.body.desync_mitigation_mode === 'strictest' ? null : 'desync_mitigation_mode is not strictest')) },
  { id: 'CKV_AWS_103', title: 'HTTPS listener uses TLS 1.2+', fixture: 'alb.tf',
    check: perResource('aws_lb_listener', (r, tree) => {
      if (r.body.protocol !== 'HTTPS') return null;
      const policy = resolve(tree, r.dir, r.body.ssl_policy);
      if (!r.body.certificate_arn) return 'no certificate_arn';
      return TLS12_POLICIES.test(text(policy)) ? null : `ssl_policy ${text(policy)} allows TLS below 1.2`;
    }) },
  { id: 'CKV2_AWS_20', title: 'HTTP listener redirects to HTTPS', fixture: 'alb.tf',
    check: perResource('aws_lb_listener', (r) => {
      if (r.body.protocol === 'HTTPS') return null;
      const action = blocks(r.body, 'default_action')[0];
      const redirect = action && blocks(action, 'redirect')[0];
      return action?.type === 'redirect' && redirect?.protocol === 'HTTPS' ? null : 'a plain HTTP listener does not redirect to HTTPS';
    }) },
  { id: 'CKV2_AWS_28', title: 'public ALB has a WAF web ACL', fixture: 'alb.tf',
    check: perResource('aws_lb', (r, tree) => {
      if (isTrue(r.body.internal)) return null;
      return resources(tree, 'aws_wafv2_web_acl_association').some((a) => a.dir === r.dir && text(a.body.resource_arn).includes(`aws_lb.${r.name}.`)) ? null : 'no aws_wafv2_web_acl_association';
    }) },
  { id: 'PORTAL_ALB_1', title: 'target group checks /readyz', fixture: 'alb.tf',
    check: perResource('aws_lb_target_group', (r) => (blocks(r.body, 'health_check')[0]?.path === '/readyz' ? null : 'health check path is not /readyz')) },
];

function wafRuleGroups(acl) {
  return blocks(acl.body, 'rule').flatMap((rule) => blocks(rule, 'statement')).flatMap((s) => blocks(s, 'managed_rule_group_statement')).map((m) => m.name);
}

const waf = [
  { id: 'CKV2_AWS_31', title: 'WAF web ACL has logging', fixture: 'waf.tf',
    check: perResource('aws_wafv2_web_acl', (r, tree) => (resources(tree, 'aws_wafv2_web_acl_logging_configuration').some((l) => l.dir === r.dir && text(l.body.resource_arn).includes(`aws_wafv2_web_acl.${r.name}.`)) ? null : 'no logging configuration')) },
  { id: 'CKV_AWS_192', title: 'WAF blocks Log4j known bad inputs', fixture: 'waf.tf',
    check: perResource('aws_wafv2_web_acl', (r) => (wafRuleGroups(r).includes('AWSManagedRulesKnownBadInputsRuleSet') ? null : 'AWSManagedRulesKnownBadInputsRuleSet is missing')) },
  { id: 'PORTAL_WAF_1', title: 'WAF has managed rules and rate limit', fixture: 'waf.tf',
    check: perResource('aws_wafv2_web_acl', (r) => {
      const required = r.body.scope === 'REGIONAL'
        ? ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList']
        : ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'];
      const missing = required.filter((name) => !wafRuleGroups(r).includes(name));
      if (missing.length) return `missing ${missing.join(', ')}`;
      const rate = blocks(r.body, 'rule').flatMap((rule) => blocks(rule, 'statement')).flatMap((s) => blocks(s, 'rate_based_statement'));
      return rate.some((s) => s.aggregate_key_type === 'IP') ? null : 'no rate-based rule per client IP';
    }) },
  { id: 'PORTAL_WAF_2', title: 'WAF logs redact authorization', fixture: 'waf.tf',
    check: perResource('aws_wafv2_web_acl_logging_configuration', (r, tree) => {
      const group = /aws_cloudwatch_log_group\.([A-Za-z0-9_]+)/.exec(text(r.body.log_destination_configs))?.[1];
      const target = resources(tree, 'aws_cloudwatch_log_group').find((g) => g.dir === r.dir && g.name === group);
      if (!target || !text(target.body.name).startsWith('aws-waf-logs-')) return 'the log group name does not start with aws-waf-logs-';
      const redacted = blocks(r.body, 'redacted_fields').flatMap((f) => blocks(f, 'single_header')).map((h) => h.name);
      return redacted.includes('authorization') ? null : 'the authorization header is not redacted';
    }) },
];

////////////////////////////////////////////////////////////////////////////
// ECR, S3, DynamoDB, CloudFront
////////////////////////////////////////////////////////////////////////////

const ecr = [
  { id: 'CKV_AWS_51', title: 'ECR tags are immutable', fixture: 'ecr.tf',
    check: perResource('aws_ecr_repository', (r) => (r.body.image_tag_mutability === 'IMMUTABLE' ? null : 'image_tag_mutability is not IMMUTABLE')) },
  { id: 'CKV_AWS_163', title: 'ECR scans on push', fixture: 'ecr.tf',
    check: perResource('aws_ecr_repository', (r) => (isTrue(blocks(r.body, 'image_scanning_configuration')[0]?.scan_on_push) ? null : 'scan_on_push is not true')) },
  { id: 'CKV_AWS_136', title: 'ECR is encrypted with KMS', fixture: 'ecr.tf',
    check: perResource('aws_ecr_repository', (r) => {
      const encryption = blocks(r.body, 'encryption_configuration')[0];
      return encryption?.encryption_type === 'KMS' && encryption.kms_key ? null : 'encryption_type is not KMS with a key';
    }) },
  { id: 'ECR.3', title: 'ECR has a lifecycle policy', fixture: 'ecr.tf',
    check: perResource('aws_ecr_repository', (r, tree) => (referencing(tree, 'aws_ecr_lifecycle_policy', r).length > 0 ? null : 'no aws_ecr_lifecycle_policy')) },
];

function bucketCompanion(type, test, message) {
  return perResource('aws_s3_bucket', (r, tree) => {
    const companions = referencing(tree, type, r);
    return companions.some((c) => test(c.body, r, tree)) ? null : message;
  });
}

const publicAccessRules = [
  ['CKV_AWS_53', 'block_public_acls'],
  ['CKV_AWS_54', 'block_public_policy'],
  ['CKV_AWS_55', 'ignore_public_acls'],
  ['CKV_AWS_56', 'restrict_public_buckets'],
].map(([id, flag]) => ({
  id, title: `S3 buckets set ${flag}`, fixture: 's3.tf',
  check: bucketCompanion('aws_s3_bucket_public_access_block', (b) => isTrue(b[flag]), `no public access block with ${flag} = true`),
}));

const s3 = [
  ...publicAccessRules,
  { id: 'CKV_AWS_21', title: 'S3 buckets are versioned', fixture: 's3.tf',
    check: bucketCompanion('aws_s3_bucket_versioning', (b) => blocks(b, 'versioning_configuration')[0]?.status === 'Enabled', 'versioning is not Enabled') },
  { id: 'CKV_AWS_19', title: 'S3 buckets are encrypted at rest', fixture: 's3.tf',
    check: bucketCompanion('aws_s3_bucket_server_side_encryption_configuration', (b) => blocks(b, 'rule').some((rule) => blocks(rule, 'apply_server_side_encryption_by_default')[0]?.sse_algorithm), 'no default encryption') },
  { id: 'S3.5', title: 'S3 buckets require TLS', fixture: 's3.tf',
    check: bucketCompanion('aws_s3_bucket_policy', (b, bucket, tree) => {
      const document = policyDocumentFor(tree, { body: b, dir: bucket.dir });
      return Boolean(document) && statements(document).some((s) => s.effect === 'Deny' && text(s.condition).includes('aws:SecureTransport') && text(s.condition).includes('false'));
    }, 'no bucket policy denying aws:SecureTransport = false') },
  { id: 'CKV2_AWS_65', title: 'S3 buckets disable ACLs', fixture: 's3.tf',
    check: perResource('aws_s3_bucket', (r, tree) => {
      if (ACL_EXCEPTIONS[r.address]) return null;
      return referencing(tree, 'aws_s3_bucket_ownership_controls', r).some((c) => blocks(c.body, 'rule')[0]?.object_ownership === 'BucketOwnerEnforced') ? null : 'object_ownership is not BucketOwnerEnforced';
    }) },
  { id: 'S3.15', title: 'audit archive uses Object Lock', fixture: 's3.tf',
    check: (tree) => {
      const locked = resources(tree, 'aws_s3_bucket').filter((r) => isTrue(r.body.object_lock_enabled) || /audit/.test(r.dir + r.name));
      const findings = [];
      for (const bucket of locked) {
        if (!isTrue(bucket.body.object_lock_enabled)) findings.push(`${bucket.address}: object_lock_enabled is not true`);
        const configs = referencing(tree, 'aws_s3_bucket_object_lock_configuration', bucket);
        const compliance = configs.some((c) => blocks(c.body, 'rule').flatMap((rule) => blocks(rule, 'default_retention')).some((d) => d.mode === 'COMPLIANCE' && (d.days || d.years)));
        if (!compliance) findings.push(`${bucket.address}: no COMPLIANCE default retention`);
      }
      return { checked: locked.length, findings };
    } },
];

const dynamodb = [
  { id: 'CKV_AWS_119', title: 'DynamoDB uses a KMS key', fixture: 'dynamodb.tf',
    check: perResource('aws_dynamodb_table', (r) => {
      const sse = blocks(r.body, 'server_side_encryption')[0];
      return sse && isTrue(sse.enabled) && sse.kms_key_arn ? null : 'server_side_encryption with kms_key_arn is not on';
    }) },
  { id: 'CKV_AWS_28', title: 'DynamoDB point-in-time recovery is on', fixture: 'dynamodb.tf',
    check: perResource('aws_dynamodb_table', (r) => (isTrue(blocks(r.body, 'point_in_time_recovery')[0]?.enabled) ? null : 'point_in_time_recovery is not enabled')) },
];

const CSP_DIRECTIVES = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"];

const cloudfront = [
  { id: 'CKV_AWS_34', title: 'CloudFront redirects to HTTPS', fixture: 'cloudfront.tf',
    check: perResource('aws_cloudfront_distribution', (r) => {
      const behaviors = [...blocks(r.body, 'default_cache_behavior'), ...blocks(r.body, 'ordered_cache_behavior')];
      return behaviors.every((b) => ['redirect-to-https', 'https-only'].includes(b.viewer_protocol_policy)) ? null : 'a cache behavior allows plain HTTP';
    }) },
  { id: 'CKV_AWS_174', title: 'CloudFront requires TLS 1.2', fixture: 'cloudfront.tf',
    check: perResource('aws_cloudfront_distribution', (r) => (/^TLSv1\.2_/.test(blocks(r.body, 'viewer_certificate')[0]?.minimum_protocol_version ?? '') ? null : 'minimum_protocol_version is not TLSv1.2_*')) },
  { id: 'CKV_AWS_86', title: 'CloudFront access logging is on', fixture: 'cloudfront.tf',
    check: perResource('aws_cloudfront_distribution', (r) => (blocks(r.body, 'logging_config').length > 0 ? null : 'no logging_config')) },
  { id: 'CKV_AWS_68', title: 'CloudFront has a WAF web ACL', fixture: 'cloudfront.tf',
    check: perResource('aws_cloudfront_distribution', (r) => (r.body.web_acl_id ? null : 'no web_acl_id')) },
  { id: 'CKV2_AWS_32', title: 'CloudFront sets security headers', fixture: 'cloudfront.tf',
    check: perResource('aws_cloudfront_distribution', (r, tree) => {
      const id = text(blocks(r.body, 'default_cache_behavior')[0]?.response_headers_policy_id);
      const name = /aws_cloudfront_response_headers_policy\.([A-Za-z0-9_]+)/.exec(id)?.[1];
      const policy = resources(tree, 'aws_cloudfront_response_headers_policy').find((p) => p.dir === r.dir && p.name === name);
      if (!policy) return 'no response headers policy';
      const headers = blocks(policy.body, 'security_headers_config')[0] ?? {};
      if (!blocks(headers, 'strict_transport_security').length) return 'no HSTS';
      if (!blocks(headers, 'content_type_options').length) return 'no X-Content-Type-Options';
      if (blocks(headers, 'frame_options')[0]?.frame_option !== 'DENY') return 'frame options are not DENY';
      if (!blocks(headers, 'referrer_policy').length) return 'no Referrer-Policy';
      const csp = expandedText(tree, r.dir, blocks(headers, 'content_security_policy')[0]?.content_security_policy);
      const missing = CSP_DIRECTIVES.filter((d) => !csp.includes(d));
      return missing.length ? `CSP lacks ${missing.join('; ')}` : null;
    }) },
  { id: 'CloudFront.13', title: 'CloudFront uses origin access control', fixture: 'cloudfront.tf',
    check: perResource('aws_cloudfront_distribution', (r) => (blocks(r.body, 'origin').every((o) => o.origin_access_control_id) ? null : 'an origin has no origin_access_control_id')) },
];

////////////////////////////////////////////////////////////////////////////
// IAM
////////////////////////////////////////////////////////////////////////////

function allowStatements(tree) {
  return resources(tree, 'aws_iam_policy_document', 'data').flatMap((document) =>
    statements(document).filter((s) => (s.effect ?? 'Allow') === 'Allow').map((statement) => ({ document, statement })));
}

const isAccountRoot = (tree, document, statement) => /:root\b/.test(expandedText(tree, document.dir, blocks(statement, 'principals').map((p) => p.identifiers)));

const iam = [
  { id: 'CKV_AWS_49', title: 'IAM policies allow no wildcard actions', fixture: 'iam.tf',
    check: (tree) => {
      const all = allowStatements(tree);
      const findings = [];
      for (const { document, statement } of all) {
        for (const action of [].concat(statement.actions ?? [])) {
          // The account root's kms:* is the standard key policy statement
          // that hands key administration to IAM.
          const wildcard = action === '*' || /:\*$/.test(action);
          if (wildcard && !(action === 'kms:*' && isAccountRoot(tree, document, statement))) findings.push(`${document.address}: allows ${action}`);
        }
      }
      for (const policy of [...resources(tree, 'aws_iam_role_policy'), ...resources(tree, 'aws_iam_policy')]) {
        if (/Action"?\s*[=:]\s*\[?\s*"\*"/.test(text(policy.body.policy))) findings.push(`${policy.address}: allows every action`);
      }
      return { checked: all.length, findings };
    } },
  { id: 'CKV_AWS_274', title: 'no AdministratorAccess attachments', fixture: 'iam.tf',
    check: (tree) => {
      const attachments = resourcesMatching(tree, 'aws_iam_').filter((r) => /attachment/.test(r.type));
      const findings = attachments.filter((a) => /AdministratorAccess|PowerUserAccess/.test(text(a.body))).map((a) => `${a.address}: attaches an administrator policy`);
      return { checked: attachments.length, findings };
    } },
  { id: 'CKV_AWS_358', title: 'GitHub OIDC trust pins repo and branch', fixture: 'iam.tf',
    check: (tree) => {
      const findings = [];
      let checked = 0;
      for (const document of resources(tree, 'aws_iam_policy_document', 'data')) {
        for (const statement of statements(document)) {
          if (!/AssumeRoleWithWebIdentity/.test(text(statement.actions)) || !/token\.actions\.githubusercontent\.com|github/.test(text(statement))) continue;
          checked += 1;
          const conditions = blocks(statement, 'condition');
          const sub = conditions.find((c) => c.variable === 'token.actions.githubusercontent.com:sub');
          const aud = conditions.find((c) => c.variable === 'token.actions.githubusercontent.com:aud');
          if (!sub || sub.test !== 'StringEquals' || text(sub.values).includes('*') || !/:ref:refs\/heads\/main"?\]?$/.test(text(sub.values))) findings.push(`${document.address}: sub is not pinned to one repository's main branch`);
          if (!aud || !text(aud.values).includes('sts.amazonaws.com')) findings.push(`${document.address}: aud is not sts.amazonaws.com`);
        }
      }
      return { checked, findings };
    } },
  { id: 'PORTAL_IAM_1', title: 'deploy role has only deploy actions', fixture: 'iam.tf',
    check: (tree) => {
      const allowed = new Set([
        'ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:CompleteLayerUpload',
        'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart',
        'ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition', 'ecs:UpdateService', 'ecs:DescribeServices', 'iam:PassRole',
      ]);
      const documents = resources(tree, 'aws_iam_policy_document', 'data').filter((d) => /deploy/.test(d.name) && !/assume/.test(d.name));
      const findings = [];
      for (const document of documents) {
        for (const statement of statements(document)) {
          for (const action of [].concat(statement.actions ?? [])) {
            if (!allowed.has(action)) findings.push(`${document.address}: ${action} is not a deploy action`);
          }
          if ([].concat(statement.actions ?? []).includes('iam:PassRole') && text(statement.resources).includes('*')) findings.push(`${document.address}: iam:PassRole on any role`);
        }
      }
      return { checked: documents.length, findings };
    } },
];

export const rules = [...rds, ...ec2, ...ecs, ...logsAndKeys, ...network, ...securityGroups, ...edge, ...waf, ...ecr, ...s3, ...dynamodb, ...cloudfront, ...iam];
