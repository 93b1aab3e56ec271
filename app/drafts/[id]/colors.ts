export { colorFor } from "@/lib/presence";
