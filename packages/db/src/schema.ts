import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Hand-kept mirror of the migrations, in camelCase (CamelCasePlugin maps to snake_case).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type Plan = 'starter' | 'launch' | 'grow';

export interface BusinessesTable {
	id: Generated<string>;
	name: string;
	email: string | null;
	address: string | null;
	plan: ColumnType<Plan, Plan | undefined, Plan>;
	trialEndsAt: Date | null;
	currency: ColumnType<string, string | undefined, string>;
	invoicePrefix: ColumnType<string, string | undefined, string>;
	paymentTermsDays: ColumnType<number, number | undefined, number>;
	formKey: string;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

export interface UsersTable {
	id: string;
	businessId: string;
	name: string;
	email: string;
	emailVerified: ColumnType<boolean, boolean | undefined, boolean>;
	image: string | null;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

export interface SessionsTable {
	id: string;
	userId: string;
	token: string;
	expiresAt: Date;
	ipAddress: string | null;
	userAgent: string | null;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

export interface AccountsTable {
	id: string;
	userId: string;
	accountId: string;
	providerId: string;
	password: string | null;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

export interface CustomersTable {
	id: Generated<string>;
	businessId: string;
	name: string;
	email: string | null;
	phone: string | null;
	lastActivityAt: Timestamp;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

export interface NotesTable {
	id: Generated<string>;
	businessId: string;
	customerId: string;
	authorId: string | null;
	body: string;
	version: ColumnType<number, number | undefined, number>;
	createdAt: CreatedAt;
	editedAt: Date | null;
	deletedAt: Date | null;
}

export interface DB {
	businesses: BusinessesTable;
	users: UsersTable;
	sessions: SessionsTable;
	accounts: AccountsTable;
	customers: CustomersTable;
	notes: NotesTable;
}

export type Business = Selectable<BusinessesTable>;
export type NewBusiness = Insertable<BusinessesTable>;
export type BusinessUpdate = Updateable<BusinessesTable>;
export type User = Selectable<UsersTable>;
export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type Note = Selectable<NotesTable>;
