import { z } from 'zod';
import { createVendor } from '../../../app/vendors/create-vendor.ts';
import { getVendor } from '../../../app/vendors/get-vendor.ts';
import { listVendors } from '../../../app/vendors/list-vendors.ts';
import { addCuec, removeCuec, updateCuec } from '../../../app/vendors/manage-cuecs.ts';
import { recordVendorReview } from '../../../app/vendors/record-vendor-review.ts';
import { setSubservice } from '../../../app/vendors/set-subservice.ts';
import { updateVendor } from '../../../app/vendors/update-vendor.ts';
import { toIsoDate } from '../../../domain/dates.ts';
import {
  OPERATIONAL_DEPENDENCIES,
  PRODUCTION_ACCESS,
  REVIEW_CADENCES,
  REVIEW_OUTCOMES,
  SUBSERVICE_METHODS,
  VENDOR_DATA_CATEGORIES,
  VENDOR_STATUSES,
} from '../../../domain/vendor.ts';
import { orgOf, principalOf } from '../access.ts';
import { ERRORS, page, paged, ZIsoDate, ZOrgParams, ZPage } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import type { ZodApp } from '../zod-app.ts';
import { registerVendorReportRoutes } from './vendor-report-routes.ts';
import {
  reportView,
  reviewView,
  vendorView,
  ZCuec,
  ZVendor,
  ZVendorParams,
  ZVendorReport,
  ZVendorReview,
} from './vendor-schemas.ts';

const ZVendorFields = {
  services: z.string().max(2000).optional(),
  dataCategories: z.array(z.enum(VENDOR_DATA_CATEGORIES)).max(VENDOR_DATA_CATEGORIES.length).optional(),
  operationalDependency: z.enum(OPERATIONAL_DEPENDENCIES).optional(),
  productionAccess: z.enum(PRODUCTION_ACCESS).optional(),
  ownerEmail: z.string().max(254).nullable().optional(),
  contractStart: ZIsoDate.nullable().optional(),
  renewalDate: ZIsoDate.nullable().optional(),
  /** null: by tier (quarterly when critical, annual otherwise). */
  reviewCadence: z.enum(REVIEW_CADENCES).nullable().optional(),
  status: z.enum(VENDOR_STATUSES).optional(),
};

const ZCuecBody = z.strictObject({
  description: z.string().max(2000),
  criteria: z.array(z.string().max(10)).max(50).optional(),
});

const today = (request: { deps: { clock: { now(): Date } } }) => toIsoDate(request.deps.clock.now());

export function registerVendorRoutes(app: ZodApp, config: TServerConfig): void {
  app.get(
    '/api/v1/orgs/:org/vendors',
    {
      config: { access: { kind: 'org', permission: 'vendors:read' } },
      schema: {
        summary: 'The vendor inventory by name, with tier, SOC 2 report status and warnings',
        tags: ['vendors'],
        params: ZOrgParams,
        querystring: ZPage,
        response: { 200: paged(ZVendor), ...ERRORS },
      },
    },
    async (request) => {
      const vendors = await listVendors(request.deps, orgOf(request).scope, today(request));
      return page(vendors.map(vendorView), request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:org/vendors',
    {
      config: { access: { kind: 'org', permission: 'vendors:write' } },
      schema: {
        summary: "Add a vendor with the tiering rubric's answers",
        tags: ['vendors'],
        params: ZOrgParams,
        body: z.strictObject({ name: z.string().max(200), ...ZVendorFields }),
        response: { 201: ZVendor, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { scope } = orgOf(request);
      const created = await createVendor(request.deps, scope, request.body);
      const { vendor } = await getVendor(request.deps, scope, created.id, today(request));
      return reply.status(201).send(vendorView(vendor));
    },
  );

  app.get(
    '/api/v1/orgs/:org/vendors/:id',
    {
      config: { access: { kind: 'org', permission: 'vendors:read' } },
      schema: {
        summary: 'One vendor with its SOC 2 reports (latest period first) and reviews (latest first)',
        tags: ['vendors'],
        params: ZVendorParams,
        response: {
          200: z.object({
            vendor: ZVendor,
            reports: z.array(ZVendorReport),
            reviews: z.array(ZVendorReview),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const found = await getVendor(request.deps, orgOf(request).scope, request.params.id, today(request));
      return {
        vendor: vendorView(found.vendor),
        reports: found.reports.map(reportView),
        reviews: found.reviews.map(reviewView),
      };
    },
  );

  app.patch(
    '/api/v1/orgs/:org/vendors/:id',
    {
      config: { access: { kind: 'org', permission: 'vendors:write' } },
      schema: {
        summary: 'Update a vendor (offboard it with status); names the version it edits',
        tags: ['vendors'],
        params: ZVendorParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          name: z.string().max(200).optional(),
          ...ZVendorFields,
        }),
        response: { 200: ZVendor, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const { version, ...change } = request.body;
      await updateVendor(request.deps, scope, request.params.id, version, change);
      return vendorView((await getVendor(request.deps, scope, request.params.id, today(request))).vendor);
    },
  );

  app.put(
    '/api/v1/orgs/:org/vendors/:id/subservice',
    {
      config: { access: { kind: 'org', permission: 'vendors:write' } },
      schema: {
        summary:
          'Mark a vendor as a subservice organization (carve-out or inclusive) with its CSOCs, or clear it (method null)',
        tags: ['vendors'],
        params: ZVendorParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          method: z.enum(SUBSERVICE_METHODS).nullable(),
          reportSections: z.string().max(500).nullable().optional(),
          csocs: z
            .array(
              z.strictObject({
                description: z.string().max(2000),
                criteria: z.array(z.string().max(10)).max(50).optional(),
              }),
            )
            .max(100)
            .optional(),
        }),
        response: { 200: ZVendor, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const { version, ...input } = request.body;
      await setSubservice(request.deps, scope, request.params.id, version, input);
      return vendorView((await getVendor(request.deps, scope, request.params.id, today(request))).vendor);
    },
  );

  app.post(
    '/api/v1/orgs/:org/vendors/:id/reviews',
    {
      config: { access: { kind: 'org', permission: 'vendors:write' } },
      schema: {
        summary:
          "Record a vendor review (reviewer: a member, the signed-in user by default); it joins the 'vendor_review' population",
        tags: ['vendors'],
        params: ZVendorParams,
        body: z.strictObject({
          reviewedOn: ZIsoDate,
          reviewerEmail: z.string().max(254).nullable().optional(),
          outcome: z.enum(REVIEW_OUTCOMES),
          notes: z.string().max(10_000).optional(),
          reportId: z.uuid().nullable().optional(),
        }),
        response: { 201: ZVendorReview, ...ERRORS },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const review = await recordVendorReview(
        request.deps,
        orgOf(request).scope,
        request.params.id,
        request.body,
        principal.kind === 'session' ? principal.user.email : null,
      );
      return reply.status(201).send(reviewView(review));
    },
  );

  app.get(
    '/api/v1/orgs/:org/subservice-organizations',
    {
      config: { access: { kind: 'org', permission: 'vendors:read' } },
      schema: {
        summary: 'Active vendors marked as subservice organizations, with their method and CSOCs',
        tags: ['vendors'],
        params: ZOrgParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                name: z.string(),
                services: z.string(),
                method: z.enum(SUBSERVICE_METHODS),
                csocs: z.array(z.string()),
                reportSections: z.string().nullable(),
              }),
            ),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => ({
      items: await request.deps.store.repos.vendors.listSubserviceOrganizations(orgOf(request).scope),
    }),
  );

  app.get(
    '/api/v1/orgs/:org/cuecs',
    {
      config: { access: { kind: 'org', permission: 'vendors:read' } },
      schema: {
        summary: 'Complementary user entity controls: what the organization expects of its customers',
        tags: ['vendors'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZCuec) }), ...ERRORS },
      },
    },
    async (request) => ({ items: await request.deps.store.repos.vendors.listCuecs(orgOf(request).scope) }),
  );

  app.post(
    '/api/v1/orgs/:org/cuecs',
    {
      config: { access: { kind: 'org', permission: 'vendors:write' } },
      schema: {
        summary: 'Add a complementary user entity control, with the criteria it supports',
        tags: ['vendors'],
        params: ZOrgParams,
        body: ZCuecBody,
        response: { 201: ZCuec, ...ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCuec(request.deps, orgOf(request).scope, request.body)),
  );

  app.patch(
    '/api/v1/orgs/:org/cuecs/:id',
    {
      config: { access: { kind: 'org', permission: 'vendors:write' } },
      schema: {
        summary: 'Change a complementary user entity control',
        tags: ['vendors'],
        params: ZVendorParams,
        body: ZCuecBody,
        response: { 200: ZCuec, ...ERRORS },
      },
    },
    async (request) => updateCuec(request.deps, orgOf(request).scope, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/orgs/:org/cuecs/:id',
    {
      config: { access: { kind: 'org', permission: 'vendors:write' } },
      schema: {
        summary: 'Remove a complementary user entity control',
        tags: ['vendors'],
        params: ZVendorParams,
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      await removeCuec(request.deps, orgOf(request).scope, request.params.id);
      return reply.status(204).send(null);
    },
  );

  registerVendorReportRoutes(app, config);
}
