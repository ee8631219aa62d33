export * from "./enums";
export * from "./issuer";
export * from "./plan";
export * from "./person";
export * from "./process";
export * from "./grant";
export * from "./disclosure";
export * from "./access";
