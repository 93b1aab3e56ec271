export { colorFor } from "@/lib/presence-colors";
