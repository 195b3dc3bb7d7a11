// English for the variant templates page.
import type { variantsZhCN } from './variants.zh-CN';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const variantsEn: Strings<typeof variantsZhCN> = {
  variantsNav: {
    templates: 'Variant templates',
  },
  variants: {
    title: 'Variant templates',
    subtitle: 'Attributes such as size and colour with their values; generate every combination as a product at once (e.g. TSHIRT-S-RED)',
    new: 'New template',
    createTitle: 'New variant template',
    editTitle: 'Edit variant template: {{name}}',
    name: 'Template name',
    attributes: 'Attributes',
    attribute: 'Attribute',
    attributePlaceholder: 'e.g. Size',
    values: 'Values',
    valuesPlaceholder: 'Type a value and press Enter, e.g. S, M, L',
    addAttribute: 'Add attribute',
    attributesHelp: '1 to 5 attributes; SKUs join the values in this order',
    combinations: 'Combinations',
    combinationsCount: '{{count}} combinations',
    createdAt: 'Created',
    generate: 'Generate products',
    generateTitle: 'Generate products from {{name}}',
    generateHelp: '{{count}} products will be created, SKU "BASE-value-value", name "Base name value value"; if any SKU exists, none is created.',
    baseSku: 'Base SKU',
    baseName: 'Base name',
    unit: 'Base unit',
    price: 'Retail price',
    memberPrice: 'Member price',
    taxRate: 'Tax rate',
    category: 'Category',
    brand: 'Brand',
    spec: 'Specification',
    generated: '{{count}} products created',
    sku: 'SKU',
    productName: 'Product name',
    saved: 'Template saved',
    created: 'Template "{{name}}" created',
    empty: 'No variant templates yet',
    attributeRequired: 'Name the attribute',
    valuesRequired: 'At least one value',
    attributeDuplicate: 'Attribute named twice',
  },
};
